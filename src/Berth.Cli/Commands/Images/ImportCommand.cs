using System.Text.Json.Nodes;
using Berth.Cli.CommandLine;

namespace Berth.Cli.Commands.Images;

/// <summary>`berth import`: makes a one-layer image from a root filesystem tarball (file, URL or stdin).</summary>
public static class ImportCommand
{
    /// <summary>The help text.</summary>
    public const string Help = """
        Usage:  berth import [OPTIONS] file|URL|- [REPOSITORY[:TAG]]

        Import the contents from a tarball to create a filesystem image

        Options:
          -c, --change list       Apply Dockerfile instruction to the created image
          -m, --message string    Set commit message for imported image
              --platform string   Set platform if server is multi-platform capable

        """;

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, string command = "berth import")
    {
        var flags = new FlagSet(command).Value("change", 'c').Value("message", 'm').Value("platform").Bool("help", 'h').Parse(args);
        if (flags.IsOn("help")) { context.Out.Write(Help); return 0; }
        if (flags.Arguments.Count is < 1 or > 2) throw new UsageError($"\"{command}\" requires at least 1 and at most 2 arguments.", command);
        var source = flags.Arguments[0];
        var query = new List<string>();
        // Like docker, a URL is fetched by the daemon; a file or stdin travels in the request body.
        var isUrl = source.StartsWith("http://", StringComparison.Ordinal) || source.StartsWith("https://", StringComparison.Ordinal);
        query.Add("fromSrc=" + Uri.EscapeDataString(isUrl ? source : "-"));
        if (flags.Arguments.Count == 2) query.Add("repo=" + Uri.EscapeDataString(flags.Arguments[1]));
        if (flags.Get("message") is { Length: > 0 } message) query.Add("message=" + Uri.EscapeDataString(message));
        foreach (var change in flags.Values("change")) query.Add("changes=" + Uri.EscapeDataString(change));
        if (flags.Get("platform") is { Length: > 0 } platform) query.Add("platform=" + Uri.EscapeDataString(platform));

        Stream body;
        if (isUrl) body = new MemoryStream([]);
        else if (source == "-") body = Console.OpenStandardInput();
        else
        {
            try { body = File.OpenRead(source); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliError($"open {source}: {(e is FileNotFoundException or DirectoryNotFoundException ? "no such file or directory" : e.Message)}", 1);
            }
        }
        await using (body)
        {
            await context.Client.PostStreamAsync("/images/create?" + string.Join('&', query), body, "application/x-tar", line =>
            {
                var reply = JsonNode.Parse(line) as JsonObject;
                if (reply?["error"] is { } error) throw new CliError(error.ToString(), 1);
                if (reply?["status"]?.ToString() is { } status) context.Out.WriteLine(status);
            });
        }
        return 0;
    }
}
