using Berth.Cli.CommandLine;
using Berth.Cli.Streams;

namespace Berth.Cli.Commands.Containers.Copy;

/// <summary>`berth cp`: files and directories between a container and the host, through the archive endpoints, with
/// docker's rules for what lands where (see <see cref="CopyPaths"/>).</summary>
public static class CopyCommand
{
    /// <summary>cp [-a] [-L] [-q] CONTAINER:SRC DEST|- or SRC|- CONTAINER:DEST.</summary>
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, string command)
    {
        var flags = new FlagSet(command).Bool("archive", 'a').Bool("follow-link", 'L').Bool("quiet", 'q').Bool("help").Parse(args);
        if (flags.IsOn("help")) { context.Out.Write(ContainerHelp.For(ContainerHelp.Cp, command)); return 0; }
        if (flags.Arguments.Count != 2) throw new ArgumentsError(command, "2 arguments", runHint: true);
        var (source, destination) = (flags.Arguments[0], flags.Arguments[1]);
        if (source.Length == 0) throw new CliError("source can not be empty", 1);
        if (destination.Length == 0) throw new CliError("destination can not be empty", 1);
        var (sourceContainer, sourcePath) = Split(source);
        var (destinationContainer, destinationPath) = Split(destination);
        var options = new CopyOptions(flags.IsOn("follow-link"), flags.IsOn("archive"),
            // Progress is for a person watching: docker drops it when stderr is no terminal.
            flags.IsOn("quiet") || !Terminal.IsTerminal(2));
        return (sourceContainer, destinationContainer) switch
        {
            (null, null) => throw new CliError("must specify at least one container source", 1),
            ({ }, { }) => throw new CliError("copying between containers is not supported", 1),
            ({ } container, null) => await FromContainer.RunAsync(context, container, sourcePath, destinationPath, options),
            (null, { } container) => await ToContainer.RunAsync(context, container, sourcePath, destinationPath, options),
        };
    }

    /// <summary>docker's splitCpArg: "name:path" names a container unless the argument is an absolute path or starts
    /// with "." (so "./a:b" is a local file).</summary>
    public static (string? Container, string Path) Split(string argument)
    {
        if (argument.StartsWith('/')) return (null, argument);
        var colon = argument.IndexOf(':');
        if (colon < 0 || argument.StartsWith('.')) return (null, argument);
        return (argument[..colon], argument[(colon + 1)..]);
    }
}

/// <summary>The cp flags: -L, -a, and whether to stay quiet (-q, or no terminal).</summary>
public sealed record CopyOptions(bool FollowLink, bool CopyOwnership, bool Quiet);
