using System.Globalization;

namespace Berth.Build.Dockerfile;

/// <summary>STOPSIGNAL's check: a Linux signal number or name, with or without "SIG", as Docker's ParseSignal accepts.</summary>
public static class Signals
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "ABRT", "ALRM", "BUS", "CHLD", "CLD", "CONT", "FPE", "HUP", "ILL", "INT", "IO", "IOT", "KILL", "PIPE", "POLL",
        "PROF", "PWR", "QUIT", "SEGV", "STKFLT", "STOP", "SYS", "TERM", "TRAP", "TSTP", "TTIN", "TTOU", "URG", "USR1",
        "USR2", "VTALRM", "WINCH", "XCPU", "XFSZ", "RTMIN", "RTMAX",
    };

    /// <summary>signal unchanged when valid; "Invalid signal: …" otherwise.</summary>
    public static string Validate(string signal)
    {
        if (int.TryParse(signal, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            return number is > 0 and <= 64 ? signal : throw new DockerfileException($"Invalid signal: {signal}");
        var name = signal.ToUpperInvariant();
        if (name.StartsWith("SIG", StringComparison.Ordinal)) name = name[3..];
        if (Names.Contains(name) || IsRealtime(name)) return signal;
        throw new DockerfileException($"Invalid signal: {signal}");
    }

    // RTMIN+n and RTMAX-n name the real-time signals.
    private static bool IsRealtime(string name)
        => (name.StartsWith("RTMIN+", StringComparison.Ordinal) || name.StartsWith("RTMAX-", StringComparison.Ordinal))
           && int.TryParse(name[6..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 15;
}
