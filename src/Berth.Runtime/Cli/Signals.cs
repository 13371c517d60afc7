namespace Berth.Runtime.Cli;

/// <summary>Signal names and numbers on Linux x86_64, as `kill` accepts them ("KILL", "SIGKILL", "9").</summary>
internal static class Signals
{
    private static readonly Dictionary<string, int> Table = new(StringComparer.OrdinalIgnoreCase)
    {
        ["HUP"] = 1, ["INT"] = 2, ["QUIT"] = 3, ["ILL"] = 4, ["TRAP"] = 5, ["ABRT"] = 6, ["IOT"] = 6, ["BUS"] = 7,
        ["FPE"] = 8, ["KILL"] = 9, ["USR1"] = 10, ["SEGV"] = 11, ["USR2"] = 12, ["PIPE"] = 13, ["ALRM"] = 14,
        ["TERM"] = 15, ["STKFLT"] = 16, ["CHLD"] = 17, ["CONT"] = 18, ["STOP"] = 19, ["TSTP"] = 20, ["TTIN"] = 21,
        ["TTOU"] = 22, ["URG"] = 23, ["XCPU"] = 24, ["XFSZ"] = 25, ["VTALRM"] = 26, ["PROF"] = 27, ["WINCH"] = 28,
        ["IO"] = 29, ["POLL"] = 29, ["PWR"] = 30, ["SYS"] = 31,
    };

    /// <summary>Parses a signal given by name (with or without SIG) or number, including RTMIN+n.</summary>
    internal static int Parse(string text)
    {
        if (int.TryParse(text, out var number))
            return number is > 0 and <= 64 ? number : throw new RuntimeException($"unknown signal \"{text}\"");
        var name = text.StartsWith("SIG", StringComparison.OrdinalIgnoreCase) ? text[3..] : text;
        if (Table.TryGetValue(name, out number)) return number;
        if (name.StartsWith("RTMIN", StringComparison.OrdinalIgnoreCase))
        {
            var offset = name.Length == 5 ? 0 : int.TryParse(name[5..], out var o) ? o : -1;
            if (offset is >= 0 and <= 30) return 34 + offset;
        }
        if (name.StartsWith("RTMAX", StringComparison.OrdinalIgnoreCase))
        {
            var offset = name.Length == 5 ? 0 : int.TryParse(name[5..], out var o) ? o : 1;
            if (offset is <= 0 and >= -30) return 64 + offset;
        }
        throw new RuntimeException($"unknown signal \"{text}\"");
    }
}
