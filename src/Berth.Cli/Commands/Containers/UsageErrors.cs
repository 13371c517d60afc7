using Berth.Cli.CommandLine;

namespace Berth.Cli.Commands.Containers;

/// <summary>A container command given the wrong number of arguments (docker 28 exits 1 for these).</summary>
internal sealed class ArgumentsError(string command, string requirement, bool runHint = false)
    : CliError(requirement == "no arguments" ? $"'{command}' accepts no arguments" : $"'{command}' requires {requirement}", 1)
{
    /// <summary>The command ("berth stop").</summary>
    public string Command { get; } = command;

    /// <summary>Whether docker ends this message with "Run '… --help'" rather than "See '… --help'".</summary>
    public bool RunHint { get; } = runHint;
}

/// <summary>Docker 28's wording of command-line mistakes: the message, the command's Usage line, and where to read more.</summary>
internal static class UsageErrors
{
    /// <summary>Runs a command, rewriting its usage errors with the Usage line of help.</summary>
    public static async Task<int> GuardAsync(Func<Task<int>> run, string command, string help)
    {
        // The Usage line, naming the command as it was called, and its tab-indented continuations (cp has two forms).
        var lines = ContainerHelp.For(help, command).Split('\n');
        var usage = string.Join('\n', lines.SkipWhile(l => !l.StartsWith("Usage:", StringComparison.Ordinal))
            .TakeWhile((l, i) => i == 0 || l.StartsWith('\t')));
        try
        {
            return await run();
        }
        catch (UsageError e)
        {
            throw new CliError($"{e.Message.Split('\n')[0]}\n\n{usage}\n\nRun '{command} --help' for more information", 125);
        }
        catch (ArgumentsError e)
        {
            throw new CliError($"berth: {e.Message}\n\n{usage}\n\n{(e.RunHint ? "Run" : "See")} '{command} --help' for more information", 1);
        }
    }
}
