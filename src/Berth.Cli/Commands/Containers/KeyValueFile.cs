using System.Text;
using Berth.Cli.CommandLine;

namespace Berth.Cli.Commands.Containers;

/// <summary>docker's --env-file and --label-file format: KEY=VALUE lines, '#' comments and blank lines skipped,
/// leading space trimmed, the value passed through untouched; a bare KEY takes the CLI's environment (env files only).</summary>
public static class KeyValueFile
{
    /// <summary>Reads every file's lines in order; lookup is null for label files, whose bare keys are dropped.</summary>
    public static List<string> Read(IEnumerable<string> paths, Func<string, string?>? lookup)
    {
        var lines = new List<string>();
        foreach (var path in paths) lines.AddRange(ReadOne(path, lookup));
        return lines;
    }

    private static List<string> ReadOne(string path, Func<string, string?>? lookup)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e is FileNotFoundException or DirectoryNotFoundException ? "no such file or directory"
                : e is UnauthorizedAccessException ? "permission denied" : e.Message;
            throw new CliError($"open {path}: {reason}", 125);
        }
        var text = new UTF8Encoding(false, true).GetString(bytes);
        if (text.StartsWith('\uFEFF')) text = text[1..];
        var result = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r').TrimStart();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var eq = line.IndexOf('=');
            var name = (eq >= 0 ? line[..eq] : line).TrimStart();
            if (name.Any(c => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r'))
                throw new CliError($"invalid env file ({path}): variable '{name}' contains whitespaces", 125);
            if (name.Length == 0) throw new CliError($"invalid env file ({path}): no variable name on line '{line}'", 125);
            if (eq >= 0) result.Add(line);
            else if (lookup?.Invoke(name) is { } value) result.Add(name + "=" + value);
        }
        return result;
    }
}
