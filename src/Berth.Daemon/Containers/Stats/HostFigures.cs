using System.Globalization;

namespace Berth.Daemon.Containers.Stats;

/// <summary>Host-wide figures a stats sample carries: total CPU time (/proc/stat), online CPUs and memory size, read
/// under <paramref name="root"/> ("/" normally; a fixture tree in tests).</summary>
public sealed class HostFigures(string root = "/")
{
    /// <summary>/proc/stat counts in USER_HZ, which Linux fixes at 100 per second.</summary>
    private const ulong NanosecondsPerTick = 10_000_000;

    /// <summary>The host's CPU time in nanoseconds: the first seven fields of the "cpu" line (user to softirq), as dockerd sums them.</summary>
    public ulong SystemCpuUsage()
    {
        foreach (var line in File.ReadLines(Path.Combine(root, "proc/stat")))
        {
            if (!line.StartsWith("cpu ", StringComparison.Ordinal)) continue;
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 8) throw new InvalidDataException("invalid number of cpu fields");
            ulong ticks = 0;
            for (int i = 1; i <= 7; i++) ticks += ulong.Parse(fields[i], CultureInfo.InvariantCulture);
            return ticks * NanosecondsPerTick;
        }
        throw new InvalidDataException("invalid stat format. Error trying to parse the '/proc/stat' file");
    }

    /// <summary>CPUs online now, from /sys/devices/system/cpu/online ("0-3,6").</summary>
    public uint OnlineCpus()
    {
        uint count = 0;
        foreach (var range in File.ReadAllText(Path.Combine(root, "sys/devices/system/cpu/online")).Trim().Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var ends = range.Split('-');
            count += ends.Length == 2 ? uint.Parse(ends[1], CultureInfo.InvariantCulture) - uint.Parse(ends[0], CultureInfo.InvariantCulture) + 1 : 1;
        }
        return count;
    }

    /// <summary>MemTotal in bytes: the limit reported for a container without one.</summary>
    public ulong MemoryTotal()
    {
        foreach (var line in File.ReadLines(Path.Combine(root, "proc/meminfo")))
            if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
                return ulong.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        return 0;
    }

    /// <summary>Counters of the interfaces in the network namespace of <paramref name="pid"/> (/proc/pid/net/dev), but
    /// loopback, which dockerd does not report; null when there are none.</summary>
    public SortedDictionary<string, NetworkStatsJson>? Networks(int pid)
    {
        var path = Path.Combine(root, "proc", pid.ToString(CultureInfo.InvariantCulture), "net/dev");
        if (!File.Exists(path)) return null;
        var result = new SortedDictionary<string, NetworkStatsJson>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path).Skip(2))
        {
            var colon = line.IndexOf(':');
            if (colon < 0) continue;
            var name = line[..colon].Trim();
            if (name == "lo") continue;
            var f = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => ulong.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            // Receive: bytes packets errs drop fifo frame compressed multicast; transmit: bytes packets errs drop …
            result[name] = new NetworkStatsJson
            {
                RxBytes = f[0], RxPackets = f[1], RxErrors = f[2], RxDropped = f[3],
                TxBytes = f[8], TxPackets = f[9], TxErrors = f[10], TxDropped = f[11],
            };
        }
        return result.Count > 0 ? result : null;
    }
}
