using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Berth.Daemon.Errors;

namespace Berth.Daemon.Containers.Stats;

/// <summary>`docker top` as dockerd 20.10 does it: the host's ps with the client's arguments (default -ef), keeping the
/// rows whose PID column is one of the container's processes.</summary>
public static partial class ContainerTop
{
    /// <summary>Runs ps for <paramref name="pids"/> (from the container's cgroup) and picks their rows.</summary>
    public static async Task<ContainerTopJson> RunAsync(string? psArgs, IReadOnlyCollection<int> pids, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(psArgs)) psArgs = "-ef";
        ValidateArgs(psArgs);
        var args = psArgs.Split(' ');
        // "-q pids" makes ps list only those; some options (f) refuse it, so dockerd retries with the arguments alone.
        var (code, output, _) = await PsAsync([.. args, "-q" + string.Join(',', pids)], cancellationToken);
        if (code != 0)
        {
            (code, output, var error) = await PsAsync(args, cancellationToken);
            if (code != 0)
            {
                var first = error.Split('\n', 2)[0];
                throw new TopError("ps: " + (first.Length > 0 ? first : $"exit status {code}"));
            }
        }
        return ParseOutput(output, pids);
    }

    /// <summary>dockerd's check: "-o x=PID" would hide the PID column's title, so only pid= may rename it.</summary>
    public static void ValidateArgs(string psArgs)
    {
        foreach (Match m in RenamedPid().Matches(psArgs))
            if (m.Groups[1].Value != "pid") throw new TopError($"specifying \"{m.Groups[1].Value}={m.Groups[2].Value}\" is not allowed");
    }

    /// <summary>Titles from the first line; rows whose PID is in <paramref name="pids"/>, with the fields past the last
    /// title joined into it (the command line); a thread row ("-" as PID) stays with the process above it.</summary>
    public static ContainerTopJson ParseOutput(string output, IReadOnlyCollection<int> pids)
    {
        var lines = output.Split('\n');
        var result = new ContainerTopJson { Titles = Fields(lines[0]) };
        var pidIndex = result.Titles.IndexOf("PID");
        if (pidIndex < 0) throw new TopError("Couldn't find PID field in ps output");
        foreach (var line in lines.Skip(1))
        {
            if (line.Length == 0) continue;
            var fields = Fields(line);
            if (fields[pidIndex] == "-")
            {
                if (result.Processes.Count > 0) result.Processes.Add(Row(result.Titles.Count, fields));
                continue;
            }
            if (!int.TryParse(fields[pidIndex], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var pid))
                throw new TopError($"Unexpected pid '{fields[pidIndex]}': strconv.Atoi: parsing \"{fields[pidIndex]}\": invalid syntax");
            if (pids.Contains(pid)) result.Processes.Add(Row(result.Titles.Count, fields));
        }
        return result;
    }

    private static List<string> Row(int titles, List<string> fields)
        => [.. fields.Take(titles - 1), string.Join(' ', fields.Skip(titles - 1))];

    /// <summary>Go's FieldsFunc over ASCII blanks only, as dockerd splits (a Unicode space in a command stays).</summary>
    private static List<string> Fields(string line) => line.Split(['\t', '\n', '\f', '\r', ' '], StringSplitOptions.RemoveEmptyEntries).ToList();

    private static async Task<(int Code, string Output, string Error)> PsAsync(IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("ps") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new TopError("ps: cannot start ps");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }

    [GeneratedRegex(@"\s+([^\s]*)=\s*(PID[^\s]*)")]
    private static partial Regex RenamedPid();
}

/// <summary>ps failed or printed something dockerd could not read: a 500 as dockerd answers.</summary>
public sealed class TopError(string message) : BerthError(500, message);
