using System.Text.Json.Nodes;
using Berth.Cli.CommandLine;
using Berth.Cli.Templates;

namespace Berth.Cli.Commands.Containers;

/// <summary>`berth stats`: CPU, memory, network, block I/O and pids of the named containers, or of the running (-a:
/// all) ones, followed through the daemon's events; once with --no-stream, else redrawn in place twice a second as
/// docker 28 does.</summary>
public static class StatsCommand
{
    private const string DefaultTable = "{{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}";

    private static readonly Dictionary<string, string> Headers = new()
    {
        ["Container"] = "CONTAINER", ["Name"] = "NAME", ["ID"] = "CONTAINER ID", ["CPUPerc"] = "CPU %", ["MemUsage"] = "MEM USAGE / LIMIT",
        ["MemPerc"] = "MEM %", ["NetIO"] = "NET I/O", ["BlockIO"] = "BLOCK I/O", ["PIDs"] = "PIDS",
    };

    private static readonly TimeSpan Redraw = TimeSpan.FromMilliseconds(500);

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, string command = "berth stats")
    {
        var flags = new FlagSet(command).Bool("all", 'a').Bool("no-stream").Bool("no-trunc").Value("format").Bool("help").Parse(args);
        if (flags.IsOn("help")) { context.Out.Write(ContainerHelp.For(ContainerHelp.Stats, command)); return 0; }
        var format = flags.Get("format") is { Length: > 0 } f ? f : "table";
        if (format == "json") format = "{{json .}}";
        var stream = !flags.IsOn("no-stream");
        using var cancel = new CancellationTokenSource();
        var collectors = new StatsCollectors(context.Client, stream, cancel.Token);
        try
        {
            var showAll = flags.Arguments.Count == 0;
            if (showAll) await collectors.FollowContainersAsync(flags.IsOn("all"));
            else
            {
                foreach (var name in flags.Arguments) collectors.Add(name);
                var errors = await collectors.FirstErrorsAsync();
                if (errors.Count > 0) throw new CliError(string.Join('\n', errors), 1);
            }
            await collectors.FirstSamplesAsync();
            if (!stream)
            {
                context.Out.Write(Render(format, collectors.Snapshot(), !flags.IsOn("no-trunc")));
                return 0;
            }
            while (true)
            {
                await Task.Delay(Redraw, cancel.Token);
                context.Out.Write(Frame(Render(format, collectors.Snapshot(), !flags.IsOn("no-trunc"))));
                await context.Out.FlushAsync();
                if (collectors.EventsFailure is { } failure) throw failure;
            }
        }
        finally
        {
            await cancel.CancelAsync();
        }
    }

    /// <summary>The text of one refresh: the cursor sent home, every line cleared to its end, and what is left of the
    /// previous (longer) table erased, so the screen never flickers.</summary>
    public static string Frame(string table)
    {
        var lines = table.TrimEnd('\n').Split('\n');
        return "\u001b[H" + string.Concat(lines.Select(l => l + "\u001b[K\n")) + "\u001b[J";
    }

    private static string Render(string format, IEnumerable<StatsEntry> entries, bool truncate)
    {
        try
        {
            return FormatWriter.Render(format, entries.Select(e => (JsonNode?)e.Fields(truncate)), DefaultTable, Headers);
        }
        // Docker reports any template failure here (parse or execution) as a parsing error with status 1.
        catch (TemplateError e)
        {
            throw new CliError("template parsing error: " + e.Message, 1);
        }
    }
}
