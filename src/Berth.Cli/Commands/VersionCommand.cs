using System.Text.Json.Nodes;
using Berth.Cli.CommandLine;
using Berth.Cli.Output;
using Berth.Cli.Templates;

namespace Berth.Cli.Commands;

/// <summary>`berth version`: the client's facts always, the server's when it answers (exit 1 when it does not, like docker).</summary>
public static class VersionCommand
{
    /// <summary>The help text.</summary>
    public const string Help = """
        Usage:  berth version [OPTIONS]

        Show the Berth version information

        Options:
          -f, --format string   Format output using a custom template:
                                'json':             Print in JSON format
                                'TEMPLATE':         Print output using the given Go template.

        """;

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args)
    {
        var flags = new FlagSet("berth version").Value("format", 'f').Bool("help", 'h').Parse(args);
        if (flags.IsOn("help")) { context.Out.Write(Help); return 0; }
        if (flags.Arguments.Count > 0) throw new UsageError("\"berth version\" accepts no arguments.", "berth version");
        var format = flags.Get("format");
        var template = format is null or "" or "json" ? null : Template.Parse(format.Replace("\\t", "\t").Replace("\\n", "\n"));

        JsonObject? server = null;
        CliError? failure = null;
        string? apiVersion = null;
        try
        {
            apiVersion = await context.Client.ApiVersionAsync();
            server = await context.Client.GetJsonAsync("/version") as JsonObject;
        }
        catch (CliError e)
        {
            failure = e;
        }
        var client = ClientFacts.Version(apiVersion);
        var data = new JsonObject { ["Client"] = client, ["Server"] = server };
        if (format == "json") context.Out.WriteLine(Values.ToJsonText(data));
        else if (template != null) context.Out.WriteLine(template.Execute(data));
        else
        {
            context.Out.Write(VersionText.Client(client));
            if (server != null) context.Out.Write(VersionText.Server(server));
        }
        if (failure == null) return 0;
        context.Err.WriteLine(failure.Message);
        return failure.ExitCode;
    }
}
