using Berth.Daemon.Errors;

namespace Berth.Daemon.Containers.Lifecycle;

/// <summary>Signal names and numbers as dockerd accepts them ("SIGKILL", "KILL", "kill", "9").</summary>
public static class Signals
{
    private static readonly string[] Names =
    [
        "", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM",
        "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
    ];

    /// <summary>The signal number; 400 "Invalid signal: …" otherwise.</summary>
    public static int Parse(string text)
    {
        if (int.TryParse(text, out var n))
            return n is > 0 and <= 64 ? n : throw new BadRequestError($"Invalid signal: {text}");
        var name = text.ToUpperInvariant();
        if (name.StartsWith("SIG", StringComparison.Ordinal)) name = name[3..];
        var index = Array.IndexOf(Names, name);
        if (index > 0) return index;
        if (name.StartsWith("RTMIN", StringComparison.Ordinal) || name.StartsWith("RTMAX", StringComparison.Ordinal))
        {
            var baseNo = name.StartsWith("RTMIN", StringComparison.Ordinal) ? 34 : 64;
            var rest = name[5..];
            if (rest.Length == 0) return baseNo;
            if (int.TryParse(rest, out var off) && baseNo + off is >= 34 and <= 64) return baseNo + off;
        }
        throw new BadRequestError($"Invalid signal: {text}");
    }
}
