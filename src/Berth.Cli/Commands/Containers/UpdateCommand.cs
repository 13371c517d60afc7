using System.Text.Json.Nodes;
using Berth.Cli.CommandLine;

namespace Berth.Cli.Commands.Containers;

/// <summary>`berth update`: new resource limits and restart policy for running or stopped containers.</summary>
public static class UpdateCommand
{
    private static readonly string[] Names =
    [
        "blkio-weight", "cpu-period", "cpu-quota", "cpu-rt-period", "cpu-rt-runtime", "cpu-shares", "cpus", "cpuset-cpus", "cpuset-mems",
        "memory", "memory-reservation", "memory-swap", "pids-limit", "restart",
    ];

    /// <summary>update [OPTIONS] CONTAINER...: each name that was updated, then the daemon's warnings, on stdout;
    /// the failures together on stderr with status 1.</summary>
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, string command)
    {
        var set = new FlagSet(command).Bool("help");
        foreach (var name in Names) set.Value(name, name switch { "cpu-shares" => 'c', "memory" => 'm', _ => null });
        var flags = set.Parse(args);
        if (flags.IsOn("help")) { context.Out.Write(ContainerHelp.For(ContainerHelp.Update, command)); return 0; }
        // Values are checked as pflag checks them, while parsing: before the arguments are counted.
        var body = Body(flags, new FlagValues(flags, command));
        if (flags.Arguments.Count < 1) throw new ArgumentsError(command, "at least 1 argument");
        if (!Names.Any(flags.Has)) throw new CliError("you must provide one or more flags when using this command", 1);
        if (flags.Get("restart") is { } policy)
        {
            // The same parser as run's, but update reports its mistakes with status 1.
            try { body["RestartPolicy"] = HostConfigValues.RestartPolicy(policy); }
            catch (CliError e) { throw new CliError(e.Message, 1); }
        }

        var warnings = new List<string>();
        var errors = new List<string>();
        foreach (var name in flags.Arguments)
        {
            try
            {
                var reply = await context.Client.RequestAsync(HttpMethod.Post, $"/containers/{Uri.EscapeDataString(name)}/update", body);
                context.Out.WriteLine(name);
                warnings.AddRange((reply?["Warnings"] as JsonArray ?? []).Select(w => w?.ToString() ?? ""));
            }
            catch (DaemonError e) { errors.Add(e.Message); }
        }
        if (warnings.Count > 0) context.Out.WriteLine(string.Join('\n', warnings));
        if (errors.Count > 0) throw new CliError(string.Join('\n', errors), 1);
        return 0;
    }

    /// <summary>The UpdateConfig docker sends: every resource it can change (zero meaning "leave as is"), the pids
    /// limit only when given, and the restart policy (an empty name meaning "leave as is").</summary>
    private static JsonObject Body(ParsedFlags flags, FlagValues values)
    {
        return new JsonObject
        {
            ["BlkioWeight"] = values.BlkioWeight("blkio-weight"),
            ["CpuShares"] = values.Int("cpu-shares", 64),
            ["CpuPeriod"] = values.Int("cpu-period", 64),
            ["CpuQuota"] = values.Int("cpu-quota", 64),
            ["CpuRealtimePeriod"] = values.Int("cpu-rt-period", 64),
            ["CpuRealtimeRuntime"] = values.Int("cpu-rt-runtime", 64),
            ["CpusetCpus"] = flags.Get("cpuset-cpus") ?? "",
            ["CpusetMems"] = flags.Get("cpuset-mems") ?? "",
            ["Memory"] = values.Bytes("memory"),
            ["MemoryReservation"] = values.Bytes("memory-reservation"),
            ["MemorySwap"] = values.SwapBytes("memory-swap"),
            ["NanoCpus"] = values.NanoCpus("cpus"),
            ["PidsLimit"] = flags.Has("pids-limit") ? values.Int("pids-limit", 64) : null,
            ["RestartPolicy"] = new JsonObject { ["Name"] = "", ["MaximumRetryCount"] = 0 },
        };
    }
}
