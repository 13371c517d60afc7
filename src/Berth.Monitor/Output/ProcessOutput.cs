using Berth.Monitor.Logs;

namespace Berth.Monitor.Output;

/// <summary>The output of one process run: what the pump reads goes to the log and to every subscriber; it ends when
/// all its streams reached EOF, or a short grace after the process exited (a grandchild may keep a pipe open).</summary>
internal sealed class ProcessOutput(OutputPump pump)
{
    /// <summary>How long output may go on after the process exited before it is abandoned.</summary>
    internal static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(2);
    private readonly object _gate = new();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Subscriber> _subscribers = [];
    private readonly List<OutputSource> _sources = [];
    private LogWriter? _log;
    private int _open;
    private bool _paused;

    /// <summary>Whether the output ended (every subscriber was completed).</summary>
    internal bool Ended { get; private set; }

    /// <summary>Completes when the output ended: everything the process wrote is in the log.</summary>
    internal Task Finished => _ended.Task;

    /// <summary>Sets the log the output goes to (before any source is added).</summary>
    internal void UseLog(LogWriter? log) => _log = log;

    /// <summary>Reads fd as stream (a pty master is Stdout) until it ends.</summary>
    internal void AddSource(int fd, LogStream stream)
    {
        lock (_gate) _open++;
        OutputSource? source = null;
        source = pump.Add(fd, data => Deliver(stream, data), () => SourceEnded(source!, stream));
        lock (_gate)
        {
            _sources.Add(source);
            if (_paused) pump.Pause(source);
        }
    }

    /// <summary>Adds a subscriber; false when the output already ended.</summary>
    internal bool Subscribe(Subscriber subscriber)
    {
        lock (_gate)
        {
            if (Ended) return false;
            subscriber.Drained = OnDrained;
            _subscribers.Add(subscriber);
            return true;
        }
    }

    /// <summary>The process exited: streams still open after the grace period are abandoned.</summary>
    internal void ProcessExited()
    {
        _ = Task.Run(async () =>
        {
            await Task.Delay(ExitGrace);
            // A subscriber that is behind holds the process's output back; it is still being drained, not stuck.
            while (true)
            {
                lock (_gate)
                {
                    if (Ended) return;
                    if (!_paused) break;
                }
                await Task.Delay(ExitGrace);
            }
            List<OutputSource> open;
            lock (_gate) open = [.. _sources];
            foreach (var s in open) pump.Abandon(s);
        });
    }

    /// <summary>Ends the output when no source was ever added (the process failed to start).</summary>
    internal void EndIfNoSources()
    {
        lock (_gate)
            if (_open == 0) Finish();
    }

    private void Deliver(LogStream stream, ReadOnlySpan<byte> data)
    {
        try { _log?.Write(stream, data); }
        catch (IOException e) { Console.Error.WriteLine($"berth-monitor: log write: {e.Message}"); }
        lock (_gate)
        {
            var behind = false;
            _subscribers.RemoveAll(s => s.Gone);
            foreach (var s in _subscribers) behind |= s.Enqueue(stream, data);
            if (behind && !_paused) SetPaused(true);
        }
    }

    private void OnDrained(Subscriber subscriber)
    {
        lock (_gate)
        {
            if (subscriber.Behind) return;
            if (!_paused || _subscribers.Any(s => s.Behind)) return;
            SetPaused(false);
        }
    }

    private void SetPaused(bool paused)
    {
        _paused = paused;
        foreach (var s in _sources)
            if (paused) pump.Pause(s); else pump.Resume(s);
    }

    private void SourceEnded(OutputSource source, LogStream stream)
    {
        try { _log?.EndOf(stream); }
        catch (IOException e) { Console.Error.WriteLine($"berth-monitor: log write: {e.Message}"); }
        lock (_gate)
        {
            _sources.Remove(source);
            if (--_open == 0) Finish();
        }
    }

    private void Finish()
    {
        if (Ended) return;
        Ended = true;
        foreach (var s in _subscribers) s.Complete();
        _subscribers.Clear();
        _log?.Dispose();
        _log = null;
        _ended.TrySetResult();
    }
}
