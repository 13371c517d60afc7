using Berth.Cli.CommandLine;

namespace Berth.Cli.Commands.Containers;

/// <summary>The shape of docker's per-container commands (stop, kill, rm, pause…): each name is tried, a success prints
/// the name, a failure prints the daemon's error, and any failure makes the exit status 1.</summary>
internal static class Batch
{
    /// <summary>Applies operation to every name; ignoreNotFound keeps a missing container from failing (rm -f).</summary>
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> names, Func<string, Task> operation, bool ignoreNotFound = false)
    {
        var status = 0;
        foreach (var name in names)
        {
            try
            {
                await operation(name);
                context.Out.WriteLine(name);
            }
            catch (CliError e)
            {
                context.Err.WriteLine(e.Message);
                if (!(ignoreNotFound && e is DaemonError { StatusCode: 404 })) status = 1;
            }
        }
        return status;
    }

    /// <summary>Parses args with flags, answers --help, and checks that at least one argument is given.</summary>
    public static ParsedFlags Parse(FlagSet flags, IReadOnlyList<string> args, int minimum = 1)
    {
        var parsed = flags.Bool("help").Parse(args);
        if (parsed.IsOn("help")) return parsed;
        if (parsed.Arguments.Count < minimum)
            throw new ArgumentsError(flags.Command, minimum == 1 ? "at least 1 argument" : $"at least {minimum} arguments");
        return parsed;
    }

    /// <summary>A query string from the pairs whose value is not null.</summary>
    public static string Query(params (string Key, string? Value)[] pairs)
    {
        var set = pairs.Where(p => p.Value != null).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}").ToList();
        return set.Count == 0 ? "" : "?" + string.Join('&', set);
    }
}
