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
        // Real-time signals: RTMIN, RTMIN+n, RTMAX, RTMAX-n (34 to 64 on Linux).
        if (name.StartsWith("RTMIN", StringComparison.Ordinal) || name.StartsWith("RTMAX", StringComparison.Ordinal))
        {
            var rest = name[5..];
            var sign = name.StartsWith("RTMIN", StringComparison.Ordinal) ? '+' : '-';
            var offset = 0;
            if (rest.Length > 0 && (rest[0] != sign || !int.TryParse(rest[1..], out offset))) offset = -1000;
            var number = sign == '+' ? 34 + offset : 64 - offset;
            if (number is >= 34 and <= 64) return number;
        }
        throw new BadRequestError($"Invalid signal: {text}");
    }
}
