using System.Threading.Channels;

namespace Berth.Daemon.Events;

/// <summary>The daemon's event log: keeps the last <see cref="HistoryLimit"/> events for since/until queries (dockerd
/// keeps 256) and hands every new one to the current subscribers.</summary>
public sealed class EventBus
{
    /// <summary>How many past events are kept, as dockerd's eventsLimit.</summary>
    public const int HistoryLimit = 256;

    /// <summary>Events a slow subscriber may fall behind by before the oldest unread ones are dropped (dockerd's buffer).</summary>
    private const int SubscriberBuffer = 1024;

    private readonly Lock _lock = new();
    private readonly Queue<EventMessage> _history = new();
    private readonly List<Subscription> _subscribers = [];
    private readonly TimeProvider _clock;

    /// <summary>A bus stamping events with <paramref name="clock"/> (the system clock when null).</summary>
    public EventBus(TimeProvider? clock = null) => _clock = clock ?? TimeProvider.System;

    /// <summary>Records an event of <paramref name="type"/> now and delivers it; fills the deprecated fields as dockerd does.</summary>
    public EventMessage Publish(string type, string action, string actorId, IDictionary<string, string>? attributes = null)
    {
        var now = _clock.GetUtcNow();
        var nanos = (now - DateTimeOffset.UnixEpoch).Ticks * 100;
        var actor = new EventActor { Id = actorId, Attributes = new SortedDictionary<string, string>(attributes ?? new Dictionary<string, string>(), StringComparer.Ordinal) };
        var legacy = type is EventTypes.Container or EventTypes.Image;
        var message = new EventMessage
        {
            Status = legacy ? action : null,
            Id = legacy && actorId.Length > 0 ? actorId : null,
            From = type == EventTypes.Container ? actor.Attributes.GetValueOrDefault("image") : null,
            Type = type, Action = action, Actor = actor, Scope = "local",
            Time = now.ToUnixTimeSeconds(), TimeNano = nanos,
        };
        lock (_lock)
        {
            _history.Enqueue(message);
            while (_history.Count > HistoryLimit) _history.Dequeue();
            foreach (var s in _subscribers) s.Offer(message);
        }
        return message;
    }

    /// <summary>Past events in (since, until] that <paramref name="filter"/> accepts (none when both bounds are absent,
    /// as dockerd), and a subscription to the ones after them; dispose it to leave.</summary>
    public Subscription Subscribe(DateTimeOffset? since, DateTimeOffset? until, EventFilter filter)
    {
        lock (_lock)
        {
            var past = new List<EventMessage>();
            if (since is not null || until is not null)
            {
                long from = since is { } s ? ToNanos(s) : 0, to = until is { } u ? ToNanos(u) : 0;
                past.AddRange(_history.Where(e => e.TimeNano >= from && (to == 0 || e.TimeNano <= to) && filter.Includes(e)));
            }
            var subscription = new Subscription(this, past, filter);
            _subscribers.Add(subscription);
            return subscription;
        }
    }

    private void Leave(Subscription subscription)
    {
        lock (_lock) _subscribers.Remove(subscription);
    }

    private static long ToNanos(DateTimeOffset t) => (t - DateTimeOffset.UnixEpoch).Ticks * 100;

    /// <summary>One listener: the past events it asked for, then new ones as they come.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly EventBus _bus;
        private readonly EventFilter _filter;
        private readonly Channel<EventMessage> _channel = Channel.CreateBounded<EventMessage>(
            new BoundedChannelOptions(SubscriberBuffer) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

        internal Subscription(EventBus bus, List<EventMessage> past, EventFilter filter) => (_bus, Past, _filter) = (bus, past, filter);

        /// <summary>The buffered events matching the query, oldest first.</summary>
        public IReadOnlyList<EventMessage> Past { get; }

        /// <summary>New matching events, in order.</summary>
        public ChannelReader<EventMessage> Live => _channel.Reader;

        internal void Offer(EventMessage message)
        {
            if (_filter.Includes(message)) _channel.Writer.TryWrite(message);
        }

        public void Dispose()
        {
            _bus.Leave(this);
            _channel.Writer.TryComplete();
        }
    }
}
