using System.Text.Json;
using Berth.Daemon.Events;

namespace Berth.UnitTests.Daemon.Events;

/// <summary>The event bus: dockerd's message shape, its bounded history, since/until replay and live delivery.</summary>
public sealed class EventBusTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    [Fact]
    public void Publish_WritesDockerdsShape()
    {
        var bus = new EventBus(new ManualClock(Start.AddTicks(1234567)));
        var e = bus.Publish(EventTypes.Image, "tag", "sha256:abc", new Dictionary<string, string> { ["name"] = "foo:v1", ["a.b"] = "c" });
        Assert.Equal("""{"status":"tag","id":"sha256:abc","Type":"image","Action":"tag","Actor":{"ID":"sha256:abc","Attributes":{"a.b":"c","name":"foo:v1"}},"scope":"local","time":1700000000,"timeNano":1700000000123456700}""",
            JsonSerializer.Serialize(e, EventJsonContext.Default.EventMessage));
    }

    [Fact]
    public void Publish_FillsFromForContainersAndNothingLegacyForOthers()
    {
        var bus = new EventBus(new ManualClock(Start));
        var container = bus.Publish(EventTypes.Container, "start", "c1", new Dictionary<string, string> { ["image"] = "alpine", ["name"] = "web" });
        Assert.Equal(("start", "c1", "alpine"), (container.Status, container.Id, container.From));
        var network = bus.Publish(EventTypes.Network, "connect", "n1");
        Assert.Equal((null, null, null), (network.Status, network.Id, network.From));
        var prune = bus.Publish(EventTypes.Image, "prune", "", new Dictionary<string, string> { ["reclaimed"] = "0" });
        Assert.StartsWith("""{"status":"prune","Type":"image","Action":"prune","Actor":{"ID":"","Attributes":{"reclaimed":"0"}}""",
            JsonSerializer.Serialize(prune, EventJsonContext.Default.EventMessage));
    }

    [Fact]
    public void Subscribe_WithoutBoundsReplaysNothing()
    {
        var bus = new EventBus(new ManualClock(Start));
        bus.Publish(EventTypes.Image, "tag", "x");
        using var s = bus.Subscribe(null, null, EventFilter.All);
        Assert.Empty(s.Past);
    }

    [Fact]
    public void Subscribe_ReplaysTheWindowAndKeepsOnlyTheLast256()
    {
        var clock = new ManualClock(Start);
        var bus = new EventBus(clock);
        for (int i = 0; i < 300; i++)
        {
            bus.Publish(EventTypes.Image, "tag", "i" + i);
            clock.Advance(TimeSpan.FromSeconds(1));
        }
        using var all = bus.Subscribe(Start, null, EventFilter.All);
        Assert.Equal(EventBus.HistoryLimit, all.Past.Count);
        Assert.Equal("i44", all.Past[0].Actor.Id);
        using var window = bus.Subscribe(Start.AddSeconds(290), Start.AddSeconds(292), EventFilter.All);
        Assert.Equal(["i290", "i291", "i292"], window.Past.Select(e => e.Actor.Id));
    }

    [Fact]
    public async Task Subscribe_DeliversLiveEventsThatPassTheFilter()
    {
        var bus = new EventBus(new ManualClock(Start));
        using var s = bus.Subscribe(null, null, EventFilter.Parse("""{"type":{"container":true}}"""));
        bus.Publish(EventTypes.Image, "tag", "img");
        bus.Publish(EventTypes.Container, "start", "c1");
        var e = await s.Live.ReadAsync();
        Assert.Equal("c1", e.Actor.Id);
        Assert.False(s.Live.TryRead(out _));
    }
}
