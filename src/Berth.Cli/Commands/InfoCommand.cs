using System.Text.Json.Nodes;
using Berth.Cli.CommandLine;
using Berth.Cli.Output;
using Berth.Cli.Templates;

namespace Berth.Cli.Commands;

/// <summary>`berth info`: the daemon's system-wide facts, in docker info's layout or through --format.</summary>
public static class InfoCommand
{
    /// <summary>The help text.</summary>
    public const string Help = """
        Usage:  berth info [OPTIONS]

        Display system-wide information

        Options:
          -f, --format string   Format output using a custom template:
                                'json':             Print in JSON format
                                'TEMPLATE':         Print output using the given Go template.

        """;

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args)
    {
        var flags = new FlagSet("berth info").Value("format", 'f').Bool("help", 'h').Parse(args);
        if (flags.IsOn("help")) { context.Out.Write(Help); return 0; }
        if (flags.Arguments.Count > 0) throw new UsageError("\"berth info\" accepts no arguments.", "berth info");
        var format = flags.Get("format");
        var template = format is null or "" or "json" ? null : Template.Parse(format.Replace("\\t", "\t").Replace("\\n", "\n"));
        var client = ClientFacts.Info(context.Debug);
        if (format is null or "")
        {
            context.Out.Write(InfoText.Client(client));
            var info = await context.Client.GetJsonAsync("/info") as JsonObject
                       ?? throw new CliError("the daemon's /info answer is not a JSON object", 1);
            context.Out.Write(InfoText.Server(info));
            // docker prints the daemon's warnings on stderr, after the report.
            foreach (var warning in info["Warnings"]?.AsArray() ?? []) context.Err.WriteLine(warning?.ToString());
            return 0;
        }
        var data = await context.Client.GetJsonAsync("/info") as JsonObject ?? [];
        data["ClientInfo"] = client;
        context.Out.WriteLine(format == "json" ? Values.ToJsonText(data) : template!.Execute(data));
        return 0;
    }
}
