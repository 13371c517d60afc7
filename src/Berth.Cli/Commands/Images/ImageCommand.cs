using System.Text.Json.Nodes;
using Berth.Cli.CommandLine;
using Berth.Cli.Templates;

namespace Berth.Cli.Commands.Images;

/// <summary>`berth image …`: the management command, and `image inspect`.</summary>
public static class ImageCommand
{
    /// <summary>The help text.</summary>
    public const string Help = """
        Usage:  berth image COMMAND

        Manage images

        Commands:
          history     Show the history of an image
          import      Import the contents from a tarball to create a filesystem image
          inspect     Display detailed information on one or more images
          load        Load an image from a tar archive or STDIN
          ls          List images
          prune       Remove unused images
          rm          Remove one or more images
          save        Save one or more images to a tar archive (streamed to STDOUT by default)
          tag         Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE

        """;

    /// <summary>Runs `image SUBCOMMAND`.</summary>
    public static Task<int> RunAsync(CliContext context, IReadOnlyList<string> args)
    {
        var rest = args.Skip(1).ToList();
        return args.Count == 0 ? Write(context, Help) : args[0] switch
        {
            "ls" or "list" => ImagesCommand.RunAsync(context, rest, "berth image ls"),
            "load" => LoadCommand.RunAsync(context, rest),
            "save" => SaveCommand.RunAsync(context, rest, "berth image save"),
            "import" => ImportCommand.RunAsync(context, rest, "berth image import"),
            "inspect" => InspectAsync(context, rest),
            "tag" => TagCommand.RunAsync(context, rest, "berth image tag"),
            "history" => HistoryCommand.RunAsync(context, rest, "berth image history"),
            "prune" => PruneCommand.RunAsync(context, rest),
            "rm" or "remove" => RmiCommand.RunAsync(context, rest, "berth image rm"),
            "--help" or "-h" => Write(context, Help),
            var other => throw new CliError($"berth: 'image {other}' is not a berth command.\nSee 'berth image --help'", 1),
        };
    }

    private static Task<int> Write(CliContext context, string text)
    {
        context.Out.Write(text);
        return Task.FromResult(0);
    }

    private static async Task<int> InspectAsync(CliContext context, IReadOnlyList<string> args)
    {
        var flags = new FlagSet("berth image inspect").Value("format", 'f').Bool("help", 'h').Parse(args);
        if (flags.IsOn("help"))
        {
            context.Out.Write("\nUsage:  berth image inspect [OPTIONS] IMAGE [IMAGE...]\n\nDisplay detailed information on one or more images\n\n" +
                "Options:\n  -f, --format string   Format output using a custom template\n\n");
            return 0;
        }
        if (flags.Arguments.Count == 0) throw new UsageError("\"berth image inspect\" requires at least 1 argument.", "berth image inspect");
        var format = flags.Get("format");
        var template = format is null or "" or "json" ? null : Template.Parse(format.Replace("\\t", "\t").Replace("\\n", "\n"));
        var found = new JsonArray();
        var status = 0;
        foreach (var name in flags.Arguments)
        {
            try
            {
                var image = await context.Client.GetJsonAsync($"/images/{name}/json");
                if (template != null) context.Out.WriteLine(template.Execute(image));
                else found.Add(image);
            }
            catch (CliError e) when (e.Message.StartsWith("Error response from daemon: No such image", StringComparison.Ordinal))
            {
                // docker reports each missing image and goes on with the others, then fails.
                context.Err.WriteLine($"Error: No such image: {name}");
                status = 1;
            }
        }
        if (template == null) context.Out.WriteLine(Values.ToJsonText(found));
        return status;
    }
}
