using System.Diagnostics;
using System.Text.Json;
using Berth.Runtime.Lifecycle;

namespace Berth.Runtime.Cli.Commands;

/// <summary>`ps [--format table|json] ID [-- PS-ARGS]`: the container's processes (json: their host pids).</summary>
internal static class PsCommand
{
    internal static int Run(GlobalOptions global, IReadOnlyList<string> argv)
    {
        var args = new FlagSet().Value("format", "f").Parse(argv);
        if (args.Positional.Count < 1) throw new UsageException("\"ps\" requires a container id");
        var container = Container.Load(global.Store, args.Positional[0]);
        var pids = container.Cgroup.Exists() ? container.Cgroup.GetPids().Order().ToList() : [];
        var format = args.Get("format") ?? "table";
        if (format == "json")
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(pids, CliJsonContext.Default.ListInt32));
            return 0;
        }
        if (format != "table") throw new RuntimeException($"invalid format option \"{format}\"");
        var psArgs = args.Positional.Count > 1 ? args.Positional.Skip(1).ToList() : ["-ef"];
        var lines = RunPs(psArgs);
        if (lines.Count == 0) return 0;
        var pidColumn = Array.IndexOf(lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries), "PID");
        if (pidColumn < 0) throw new RuntimeException("couldn't find PID field in ps output");
        Console.Out.WriteLine(lines[0]);
        var wanted = pids.ToHashSet();
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > pidColumn && int.TryParse(fields[pidColumn], out var pid) && wanted.Contains(pid))
                Console.Out.WriteLine(line);
        }
        return 0;
    }

    private static List<string> RunPs(List<string> psArgs)
    {
        var info = new ProcessStartInfo("ps") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in psArgs) info.ArgumentList.Add(a);
        using var ps = System.Diagnostics.Process.Start(info) ?? throw new RuntimeException("cannot run ps");
        var output = ps.StandardOutput.ReadToEnd();
        var error = ps.StandardError.ReadToEnd();
        ps.WaitForExit();
        if (ps.ExitCode != 0) throw new RuntimeException($"ps: {error.Trim()}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }
}
