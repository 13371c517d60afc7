using System.Globalization;

namespace Berth.Runtime.Privileges;

/// <summary>The capability sets a thread holds, as /proc/&lt;pid&gt;/task/&lt;tid&gt;/status reports them (CapInh … CapAmb).</summary>
public readonly record struct CapabilityState(
    CapabilityMask Inheritable, CapabilityMask Permitted, CapabilityMask Effective, CapabilityMask Bounding,
    CapabilityMask Ambient)
{
    /// <summary>Reads the calling thread's sets from /proc/thread-self/status.</summary>
    public static CapabilityState ReadCurrentThread() => ReadStatusFile("/proc/thread-self/status");

    /// <summary>Reads one thread's sets from /proc/&lt;pid&gt;/task/&lt;tid&gt;/status.</summary>
    public static CapabilityState ReadThread(int pid, int tid) => ReadStatusFile($"/proc/{pid}/task/{tid}/status");

    /// <summary>Reads the sets from a status file.</summary>
    public static CapabilityState ReadStatusFile(string path) => Parse(File.ReadAllText(path));

    /// <summary>Parses the Cap* lines of a status file; CapAmb may be missing (kernels before 4.3), the others may not.</summary>
    public static CapabilityState Parse(ReadOnlySpan<char> status)
    {
        CapabilityMask? inh = null, prm = null, eff = null, bnd = null, amb = null;
        foreach (var line in status.EnumerateLines())
        {
            var colon = line.IndexOf(':');
            if (colon < 0 || !line.StartsWith("Cap"))
                continue;
            var key = line[..colon];
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "CapInh": inh = ParseMask(key, value); break;
                case "CapPrm": prm = ParseMask(key, value); break;
                case "CapEff": eff = ParseMask(key, value); break;
                case "CapBnd": bnd = ParseMask(key, value); break;
                case "CapAmb": amb = ParseMask(key, value); break;
            }
        }
        return new CapabilityState(
            inh ?? throw Missing("CapInh"), prm ?? throw Missing("CapPrm"), eff ?? throw Missing("CapEff"),
            bnd ?? throw Missing("CapBnd"), amb ?? CapabilityMask.Empty);
    }

    private static CapabilityMask ParseMask(ReadOnlySpan<char> key, ReadOnlySpan<char> value)
        => ulong.TryParse(value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var bits)
            ? new CapabilityMask(bits)
            : throw new RuntimeException($"process status: bad {key} value \"{value}\"");

    private static RuntimeException Missing(string key) => new($"process status: no {key} line");
}
