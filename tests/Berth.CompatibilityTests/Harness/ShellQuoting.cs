namespace Berth.CompatibilityTests.Harness;

/// <summary>Turns an argument vector into one POSIX shell command line (for `script -c` and for messages).</summary>
public static class ShellQuoting
{
    /// <summary>Joins the arguments, single-quoting any that a shell would split or expand.</summary>
    public static string Join(IEnumerable<string> arguments) => string.Join(' ', arguments.Select(Quote));

    /// <summary>One argument as the shell must see it.</summary>
    public static string Quote(string argument)
    {
        if (argument.Length > 0 && argument.All(IsPlain)) return argument;
        return "'" + argument.Replace("'", "'\\''") + "'";
    }

    private static bool IsPlain(char c) => char.IsAsciiLetterOrDigit(c) || "-_./:=,@%+".Contains(c);
}
