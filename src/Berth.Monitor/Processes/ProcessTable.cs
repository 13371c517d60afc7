using Berth.Monitor.Output;
using Berth.Monitor.Protocol;

namespace Berth.Monitor.Processes;

/// <summary>The entries by key: at most one current run per key.</summary>
internal sealed class ProcessTable(OutputPump pump)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, ProcessEntry> _entries = [];

    /// <summary>The entry a new start of key uses: a waiting one (clients subscribed first) or a fresh one.</summary>
    internal ProcessEntry ForStart(string key)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var e))
            {
                if (!e.Launched) { e.Launched = true; return e; }
                if (e.Live && e.Exit == null) throw new MonitorException($"{key} is already running");
            }
            var fresh = new ProcessEntry(key, pump) { Launched = true };
            _entries[key] = fresh;
            return fresh;
        }
    }

    /// <summary>The entry clients attach to: the running one, else one that waits for the next start.</summary>
    internal ProcessEntry ForAttach(string key)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var e) && (!e.Launched || e.Live)) return e;
            var waiting = new ProcessEntry(key, pump);
            _entries[key] = waiting;
            return waiting;
        }
    }

    /// <summary>The started entry of key, if any.</summary>
    internal ProcessEntry? Find(string key)
    {
        lock (_gate) return _entries.TryGetValue(key, out var e) && e.Launched ? e : null;
    }

    /// <summary>Every process that started.</summary>
    internal List<ProcessRecord> List()
    {
        lock (_gate)
            return [.. _entries.Values.Where(e => e.Launched && e.Started.IsCompletedSuccessfully)
                .Select(e => new ProcessRecord(e.Key, e.Pid, e.Exit))];
    }

    /// <summary>Drops key's entry once its exit is acknowledged and its output ended.</summary>
    internal void Forget(string key)
    {
        lock (_gate)
            if (_entries.TryGetValue(key, out var e) && e.Exit != null && e.Output.Ended) _entries.Remove(key);
    }
}
