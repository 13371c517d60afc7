using System.Text.Json.Nodes;
using Berth.Cli.CommandLine;

namespace Berth.Cli.Commands.Images;

/// <summary>`berth rmi` / `berth image rm`: untag and remove images, printing each step as docker does.</summary>
public static class RmiCommand
{
    /// <summary>The help text.</summary>
    public const string Help = """
        Usage:  berth rmi [OPTIONS] IMAGE [IMAGE...]

        Remove one or more images

        Options:
          -f, --force      Force removal of the image
              --no-prune   Do not delete untagged parents

        """;

    /// <summary>Runs the command; every image is tried, and a failure makes the exit status 1.</summary>
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, string command = "berth rmi")
    {
        var flags = new FlagSet(command).Bool("force", 'f').Bool("no-prune").Bool("help", 'h').Parse(args);
        if (flags.IsOn("help")) { context.Out.Write(Help); return 0; }
        if (flags.Arguments.Count == 0) throw new UsageError($"\"{command}\" requires at least 1 argument.", command);
        var status = 0;
        foreach (var image in flags.Arguments)
        {
            try
            {
                var steps = await context.Client.SendJsonAsync(HttpMethod.Delete,
                    $"/images/{image}?force={(flags.IsOn("force") ? 1 : 0)}&noprune={(flags.IsOn("no-prune") ? 1 : 0)}") as JsonArray ?? [];
                foreach (var step in steps.OfType<JsonObject>())
                {
                    if (step["Untagged"] is { } untagged) context.Out.WriteLine($"Untagged: {untagged}");
                    if (step["Deleted"] is { } deleted) context.Out.WriteLine($"Deleted: {deleted}");
                }
            }
            catch (CliError e)
            {
                context.Err.WriteLine(e.Message);
                status = 1;
            }
        }
        return status;
    }
}
