using Berth.Cli.CommandLine;
using Berth.Cli.Output;

namespace Berth.Cli.Commands.Images;

/// <summary>`berth load`: sends an image archive (docker save or OCI layout tarball) from a file or stdin.</summary>
public static class LoadCommand
{
    /// <summary>The help text.</summary>
    public const string Help = """
        Usage:  berth load [OPTIONS]

        Load an image from a tar archive or STDIN

        Options:
          -i, --input string   Read from tar archive file, instead of STDIN
          -q, --quiet          Suppress the load output

        """;

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args)
    {
        var flags = new FlagSet("berth load").Value("input", 'i').Bool("quiet", 'q').Bool("help", 'h').Parse(args);
        if (flags.IsOn("help")) { context.Out.Write(Help); return 0; }
        if (flags.Arguments.Count > 0) throw new UsageError("\"berth load\" accepts no arguments.", "berth load");
        Stream input;
        if (flags.Get("input") is { Length: > 0 } path)
        {
            try { input = File.OpenRead(path); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliError($"open {path}: {e.Message}", 1);
            }
        }
        else
        {
            // docker refuses to read an archive from a terminal rather than wait for one.
            if (!Console.IsInputRedirected)
                throw new CliError("requested load from stdin, but stdin is empty", 1);
            input = Console.OpenStandardInput();
        }
        // docker asks for progress only when it can draw it.
        var isTerminal = !Console.IsOutputRedirected;
        var quiet = flags.IsOn("quiet") || !isTerminal;
        var renderer = new ProgressRenderer(context.Out, isTerminal, isTerminal ? TerminalWidth.OfStdout() : 0);
        await using (input)
            await context.Client.PostStreamAsync($"/images/load?quiet={(quiet ? 1 : 0)}", input, "application/x-tar", renderer.Show);
        return 0;
    }
}
