using System.Globalization;
using System.Text.Json.Nodes;
using Berth.Cli.Output;

namespace Berth.Cli.Commands.Containers;

/// <summary>One container's figures as `berth stats` shows them, computed from a stats answer the way the docker CLI
/// computes them (CPU from the cpu_stats/precpu_stats deltas, memory without the inactive page cache).</summary>
public sealed record StatsEntry(string Container, string Name, string Id, double CpuPercent, double Memory, double MemoryLimit,
    double MemoryPercent, double NetworkRx, double NetworkTx, double BlockRead, double BlockWrite, ulong Pids, bool IsInvalid = false)
{
    /// <summary>A container whose figures could not be read (shown as "--").</summary>
    public static StatsEntry Invalid(string container) => new(container, "", "", 0, 0, 0, 0, 0, 0, 0, 0, 0, IsInvalid: true);

    /// <summary>The entry for one stats answer; container is how the user named it (or its short id).</summary>
    public static StatsEntry From(string container, JsonObject stats)
    {
        var memory = MemoryWithoutCache(stats["memory_stats"] as JsonObject);
        var limit = (double)Unsigned(stats["memory_stats"]?["limit"]);
        var (read, write) = BlockIo(stats["blkio_stats"]?["io_service_bytes_recursive"] as JsonArray);
        double rx = 0, tx = 0;
        foreach (var (_, network) in stats["networks"] as JsonObject ?? [])
        {
            rx += Unsigned(network?["rx_bytes"]);
            tx += Unsigned(network?["tx_bytes"]);
        }
        return new StatsEntry(container, stats["name"]?.ToString() ?? "", stats["id"]?.ToString() ?? "", CpuPercentOf(stats), memory, limit,
            limit != 0 ? memory / limit * 100 : 0, rx, tx, read, write, Unsigned(stats["pids_stats"]?["current"]));
    }

    /// <summary>CPU use over the sampling interval, 100% per CPU: the container's share of the system's time times the
    /// number of online CPUs (the per-CPU list's length when the daemon does not report them).</summary>
    public static double CpuPercentOf(JsonObject stats)
    {
        var cpuDelta = (double)Unsigned(stats["cpu_stats"]?["cpu_usage"]?["total_usage"]) - Unsigned(stats["precpu_stats"]?["cpu_usage"]?["total_usage"]);
        var systemDelta = (double)Unsigned(stats["cpu_stats"]?["system_cpu_usage"]) - Unsigned(stats["precpu_stats"]?["system_cpu_usage"]);
        double online = Unsigned(stats["cpu_stats"]?["online_cpus"]);
        if (online == 0) online = (stats["cpu_stats"]?["cpu_usage"]?["percpu_usage"] as JsonArray)?.Count ?? 0;
        return systemDelta > 0 && cpuDelta > 0 ? cpuDelta / systemDelta * online * 100 : 0;
    }

    /// <summary>Usage minus the inactive page cache: total_inactive_file under cgroup v1, inactive_file under v2.</summary>
    public static double MemoryWithoutCache(JsonObject? memory)
    {
        var usage = Unsigned(memory?["usage"]);
        var figures = memory?["stats"] as JsonObject;
        if (figures != null && figures.ContainsKey("total_inactive_file") && Unsigned(figures["total_inactive_file"]) is var v1 && v1 < usage)
            return usage - v1;
        var v2 = Unsigned(figures?["inactive_file"]);
        return v2 < usage ? usage - v2 : usage;
    }

    private static (double Read, double Write) BlockIo(JsonArray? entries)
    {
        ulong read = 0, write = 0;
        foreach (var entry in entries?.OfType<JsonObject>() ?? [])
        {
            var op = entry["op"]?.ToString() ?? "";
            if (op.Length == 0) continue;
            if (op[0] is 'r' or 'R') read += Unsigned(entry["value"]);
            else if (op[0] is 'w' or 'W') write += Unsigned(entry["value"]);
        }
        return (read, write);
    }

    private static ulong Unsigned(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<ulong>(out var u) => u,
        JsonValue v when v.TryGetValue<long>(out var l) && l > 0 => (ulong)l,
        _ => 0,
    };

    /// <summary>The fields templates see, in docker's statsContext: Name without its slash, "--" for unknown figures,
    /// binary units for memory and decimal ones (three digits) for I/O.</summary>
    public JsonObject Fields(bool truncate) => new()
    {
        ["BlockIO"] = IsInvalid ? "--" : $"{HumanUnits.Size(BlockRead)} / {HumanUnits.Size(BlockWrite)}",
        ["CPUPerc"] = IsInvalid ? "--" : Percentage(CpuPercent),
        ["Container"] = Container,
        ["ID"] = truncate ? PsCommand.ShortId(Id) : Id,
        ["MemPerc"] = IsInvalid ? "--" : Percentage(MemoryPercent),
        ["MemUsage"] = IsInvalid ? "-- / --" : $"{Units.BytesSize(Memory)} / {Units.BytesSize(MemoryLimit)}",
        ["Name"] = Name.Length > 1 ? Name[1..] : "--",
        ["NetIO"] = IsInvalid ? "--" : $"{HumanUnits.Size(NetworkRx)} / {HumanUnits.Size(NetworkTx)}",
        ["PIDs"] = IsInvalid ? "--" : Pids.ToString(CultureInfo.InvariantCulture),
    };

    private static string Percentage(double value) => value.ToString("F2", CultureInfo.InvariantCulture) + "%";
}
