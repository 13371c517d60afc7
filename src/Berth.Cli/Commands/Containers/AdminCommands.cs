using System.Text.Json.Nodes;
using Berth.Cli.CommandLine;
using Berth.Cli.Output;

namespace Berth.Cli.Commands.Containers;

/// <summary>`berth rename`, `berth top` and `berth container prune`.</summary>
public static class AdminCommands
{
    /// <summary>rename OLD NEW.</summary>
    public static async Task<int> RenameAsync(CliContext context, IReadOnlyList<string> args, string command)
    {
        var flags = Batch.Parse(new FlagSet(command), args);
        if (flags.IsOn("help")) { context.Out.Write(ContainerHelp.For(ContainerHelp.Rename, command)); return 0; }
        if (flags.Arguments.Count != 2) throw new ArgumentsError(command, "2 arguments", runHint: true);
        var (old, name) = (flags.Arguments[0].Trim(), flags.Arguments[1].Trim());
        if (old.Length == 0 || name.Length == 0) throw new CliError("Error: Neither old nor new names may be empty", 1);
        try
        {
            await context.Client.RequestAsync(HttpMethod.Post, $"/containers/{Uri.EscapeDataString(old)}/rename?name={Uri.EscapeDataString(name)}", null);
        }
        catch (DaemonError e)
        {
            // docker prints the daemon's reason, then its own summary.
            context.Err.WriteLine(e.Message);
            throw new CliError("Error: failed to rename container named " + old, 1);
        }
        return 0;
    }

    /// <summary>top CONTAINER [ps OPTIONS]: the daemon's ps table, aligned as docker's tabwriter (min width 20, padding 3).</summary>
    public static async Task<int> TopAsync(CliContext context, IReadOnlyList<string> args, string command)
    {
        var flags = new FlagSet(command).Bool("help").Parse(args, stopAtArgument: true);
        if (flags.IsOn("help")) { context.Out.Write(ContainerHelp.For(ContainerHelp.Top, command)); return 0; }
        if (flags.Arguments.Count < 1) throw new ArgumentsError(command, "at least 1 argument");
        var query = flags.Arguments.Count > 1 ? "?ps_args=" + Uri.EscapeDataString(string.Join(' ', flags.Arguments.Skip(1))) : "";
        var top = await context.Client.GetJsonAsync($"/containers/{Uri.EscapeDataString(flags.Arguments[0])}/top{query}");
        var rows = new List<List<string>> { (top?["Titles"] as JsonArray ?? []).Select(t => t?.ToString() ?? "").ToList() };
        rows.AddRange((top?["Processes"] as JsonArray ?? []).OfType<JsonArray>().Select(p => p.Select(v => v?.ToString() ?? "").ToList()));
        context.Out.Write(Align(rows, minWidth: 20, padding: 3));
        return 0;
    }

    /// <summary>Go's tabwriter for cells ended by tabs: every column but each row's last is padded to a common width.</summary>
    public static string Align(List<List<string>> rows, int minWidth, int padding)
    {
        var columns = rows.Max(r => r.Count);
        var widths = new int[columns];
        for (var c = 0; c < columns; c++)
            widths[c] = Math.Max(minWidth, rows.Where(r => c < r.Count - 1).Select(r => r[c].Length + padding).DefaultIfEmpty(0).Max());
        var sb = new System.Text.StringBuilder();
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Count; c++)
                sb.Append(c < row.Count - 1 ? row[c].PadRight(widths[c]) : row[c]);
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>container prune [-f] [--filter]: asks first unless -f, then lists what went and the space reclaimed.</summary>
    public static async Task<int> PruneAsync(CliContext context, IReadOnlyList<string> args, string command)
    {
        var flags = new FlagSet(command).Bool("force", 'f').Value("filter").Bool("help").Parse(args);
        if (flags.IsOn("help")) { context.Out.Write(ContainerHelp.For(ContainerHelp.ContainerPrune, command)); return 0; }
        if (!flags.IsOn("force"))
        {
            context.Out.Write("WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] ");
            await context.Out.FlushAsync();
            var answer = Console.In.ReadLine()?.Trim();
            // Declining is no failure for docker: nothing is removed and the status is 0.
            if (answer is not ("y" or "Y" or "yes")) return 0;
        }
        var filters = FilterArgs.Parse(flags.Values("filter"));
        var query = filters.Count > 0 ? "?filters=" + Uri.EscapeDataString(FilterArgs.ToJson(filters)) : "";
        var report = await context.Client.RequestAsync(HttpMethod.Post, "/containers/prune" + query, null);
        var deleted = (report?["ContainersDeleted"] as JsonArray ?? []).Select(d => d?.ToString() ?? "").ToList();
        if (deleted.Count > 0)
        {
            context.Out.WriteLine("Deleted Containers:");
            foreach (var id in deleted) context.Out.WriteLine(id);
            context.Out.WriteLine();
        }
        context.Out.WriteLine("Total reclaimed space: " + HumanUnits.PreciseSize(report?["SpaceReclaimed"]?.GetValue<long>() ?? 0));
        return 0;
    }
}
