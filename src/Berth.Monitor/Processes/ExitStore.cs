using System.Text.Json;
using System.Threading.Channels;
using Berth.Monitor.Protocol;

namespace Berth.Monitor.Processes;

/// <summary>Exit records under &lt;exec-root&gt;/exits, one file per key, written atomically and kept until berthd
/// acknowledges them, and the live watchers they are broadcast to. Records an older monitor left (it crashed or was
/// restarted) are served like our own: they stay until acknowledged.</summary>
internal sealed class ExitStore
{
    private readonly string _dir;
    private readonly object _gate = new();
    private readonly List<Channel<ExitRecord>> _watchers = [];

    internal ExitStore(string root)
    {
        _dir = Path.Combine(root, "exits");
        Directory.CreateDirectory(_dir);
    }

    /// <summary>Stores the exit, then tells the watchers. The rename makes the record whole or absent for any crash of
    /// the monitor or berthd; it is not flushed to disk because the exec root is normally tmpfs (/run/berth) and a power
    /// loss ends the process the record describes anyway (berthd then marks such containers exited on start-up).</summary>
    internal void Record(ExitRecord exit)
    {
        lock (_gate)
        {
            var path = FileOf(exit.Key);
            var temp = path + ".tmp";
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write))
            {
                file.Write(JsonSerializer.SerializeToUtf8Bytes(exit, MonitorJson.Default.ExitRecord));
            }
            File.Move(temp, path, overwrite: true);
            foreach (var w in _watchers) w.Writer.TryWrite(exit);
        }
    }

    /// <summary>The stored (unacknowledged) exits.</summary>
    internal List<ExitRecord> All()
    {
        lock (_gate) return Load();
    }

    /// <summary>A feed of every stored exit, then every new one; dispose the returned watcher to leave.</summary>
    internal (ChannelReader<ExitRecord> Exits, IDisposable Leave) Watch()
    {
        var channel = Channel.CreateUnbounded<ExitRecord>(new() { SingleReader = true });
        lock (_gate)
        {
            foreach (var e in Load()) channel.Writer.TryWrite(e);
            _watchers.Add(channel);
        }
        return (channel.Reader, new Leaving(() => { lock (_gate) _watchers.Remove(channel); }));
    }

    /// <summary>Forgets key's exit (berthd stored it).</summary>
    internal void Acknowledge(string key)
    {
        lock (_gate) File.Delete(FileOf(key));
    }

    private List<ExitRecord> Load()
    {
        var all = new List<ExitRecord>();
        foreach (var file in Directory.EnumerateFiles(_dir, "*.json"))
        {
            try
            {
                if (JsonSerializer.Deserialize(File.ReadAllBytes(file), MonitorJson.Default.ExitRecord) is { } e) all.Add(e);
            }
            catch (Exception ex) when (ex is JsonException or IOException) { } // a half-written temp never has .json
        }
        return [.. all.OrderBy(e => e.ExitedAt)];
    }

    private string FileOf(string key) => Path.Combine(_dir, key + ".json");

    private sealed class Leaving(Action leave) : IDisposable
    {
        public void Dispose() => leave();
    }
}
