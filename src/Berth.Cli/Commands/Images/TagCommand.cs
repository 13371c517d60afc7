using Berth.Cli.CommandLine;

namespace Berth.Cli.Commands.Images;

/// <summary>`berth tag SOURCE TARGET`: another name for an image.</summary>
public static class TagCommand
{
    /// <summary>The help text.</summary>
    public const string Help = """
        Usage:  berth tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]

        Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE

        """;

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, string command = "berth tag")
    {
        var flags = new FlagSet(command).Bool("help", 'h').Parse(args);
        if (flags.IsOn("help")) { context.Out.Write(Help); return 0; }
        if (flags.Arguments.Count != 2) throw new UsageError($"\"{command}\" requires exactly 2 arguments.", command);
        var target = flags.Arguments[1];
        // The tag is what follows the last colon after the last slash (a registry port is not a tag).
        var colon = target.LastIndexOf(':');
        var (repo, tag) = colon > target.LastIndexOf('/') ? (target[..colon], target[(colon + 1)..]) : (target, "");
        await context.Client.SendJsonAsync(HttpMethod.Post,
            $"/images/{flags.Arguments[0]}/tag?repo={Uri.EscapeDataString(repo)}&tag={Uri.EscapeDataString(tag)}");
        return 0;
    }
}
