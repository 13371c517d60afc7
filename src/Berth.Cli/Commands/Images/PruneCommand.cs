using System.Text.Json.Nodes;
using Berth.Cli.CommandLine;
using Berth.Cli.Output;

namespace Berth.Cli.Commands.Images;

/// <summary>`berth image prune`: removes dangling images (or, with -a, every unused one) after asking.</summary>
public static class PruneCommand
{
    /// <summary>The help text.</summary>
    public const string Help = """
        Usage:  berth image prune [OPTIONS]

        Remove unused images

        Options:
          -a, --all             Remove all unused images, not just dangling ones
              --filter filter   Provide filter values (e.g. "until=<timestamp>")
          -f, --force           Do not prompt for confirmation

        """;

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args)
    {
        var flags = new FlagSet("berth image prune").Bool("all", 'a').Value("filter").Bool("force", 'f').Bool("help", 'h').Parse(args);
        if (flags.IsOn("help")) { context.Out.Write(Help); return 0; }
        if (flags.Arguments.Count > 0) throw new UsageError("\"berth image prune\" accepts no arguments.", "berth image prune");
        var all = flags.IsOn("all");
        if (!flags.IsOn("force"))
        {
            context.Out.Write(all
                ? "WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue? [y/N] "
                : "WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] ");
            context.Out.Flush();
            var answer = Console.In.ReadLine()?.Trim().ToLowerInvariant();
            if (answer is not ("y" or "yes")) return 0;
        }
        var filters = FilterArgs.Parse(flags.Values("filter"));
        FilterArgs.Add(filters, "dangling", all ? "false" : "true");
        var result = await context.Client.SendJsonAsync(HttpMethod.Post, "/images/prune?filters=" + Uri.EscapeDataString(FilterArgs.ToJson(filters))) as JsonObject;
        if (result?["ImagesDeleted"] is JsonArray deleted && deleted.Count > 0)
        {
            context.Out.WriteLine("Deleted Images:");
            foreach (var step in deleted.OfType<JsonObject>())
            {
                if (step["Untagged"] is { } untagged) context.Out.WriteLine($"untagged: {untagged}");
                if (step["Deleted"] is { } removed) context.Out.WriteLine($"deleted: {removed}");
            }
            context.Out.WriteLine();
        }
        context.Out.WriteLine($"Total reclaimed space: {HumanUnits.Size(result?["SpaceReclaimed"]?.GetValue<long>() ?? 0)}");
        return 0;
    }
}
