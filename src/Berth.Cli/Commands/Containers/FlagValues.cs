using Berth.Cli.CommandLine;

namespace Berth.Cli.Commands.Containers;

/// <summary>Typed reads of parsed flags; a value the parser rejects becomes pflag's
/// `invalid argument "v" for "-m, --memory" flag: …` usage error (exit 125).</summary>
internal sealed class FlagValues(ParsedFlags flags, string command)
{
    private static readonly Dictionary<string, char> Shorthands = new()
    {
        ["env"] = 'e', ["label"] = 'l', ["memory"] = 'm', ["cpu-shares"] = 'c', ["workdir"] = 'w', ["user"] = 'u', ["hostname"] = 'h', ["attach"] = 'a',
    };

    /// <summary>Applies parse to one value of flag name, turning its FormatException into docker's message.</summary>
    public T Checked<T>(string name, string value, Func<string, T> parse)
    {
        try { return parse(value); }
        catch (FormatException e)
        {
            var shown = Shorthands.TryGetValue(name, out var s) ? $"-{s}, --{name}" : $"--{name}";
            throw new UsageError($"invalid argument \"{value}\" for \"{shown}\" flag: {e.Message}", command);
        }
    }

    /// <summary>The last value parsed, or 0 when the flag is absent.</summary>
    public long Parsed(string name, Func<string, long> parse) => flags.Get(name) is { } value ? Checked(name, value, parse) : 0;

    /// <summary>An integer flag (strconv.ParseInt base 0).</summary>
    public long Int(string name, int bits) => Parsed(name, v => GoValues.ParseInt(v, bits));

    /// <summary>A byte-size flag (RAMInBytes).</summary>
    public long Bytes(string name) => Parsed(name, GoValues.RamInBytes);

    /// <summary>A swap-size flag (MemSwapBytes): a byte size, or -1 for unlimited swap.</summary>
    public long SwapBytes(string name) => flags.Get(name) == "-1" ? -1 : Bytes(name);

    /// <summary>A --cpus flag (NanoCPUs).</summary>
    public long NanoCpus(string name) => Parsed(name, GoValues.NanoCpus);

    /// <summary>A --blkio-weight flag (uint16).</summary>
    public long BlkioWeight(string name) => Parsed(name, w => (long)GoValues.ParseUint(w, 16));
}
