using System.Runtime.InteropServices;

namespace Berth.Daemon.Machine;

/// <summary>What /version and /info say about the host, read from the kernel's own files.</summary>
public static class HostFacts
{
    /// <summary>uname -r.</summary>
    public static string KernelVersion => ReadTrimmed("/proc/sys/kernel/osrelease") ?? "unknown";

    /// <summary>uname -m (x86_64, aarch64), as /info's Architecture.</summary>
    public static string Machine => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "x86_64",
        Architecture.Arm64 => "aarch64",
        Architecture.Arm => "armv7l",
        Architecture.X86 => "i686",
        var other => other.ToString().ToLowerInvariant(),
    };

    /// <summary>Go's name for the architecture (amd64, arm64), as /version's Arch.</summary>
    public static string GoArch => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        Architecture.Arm => "arm",
        Architecture.X86 => "386",
        var other => other.ToString().ToLowerInvariant(),
    };

    /// <summary>The physical memory in bytes (MemTotal of /proc/meminfo).</summary>
    public static long MemTotal
    {
        get
        {
            foreach (var line in ReadLines("/proc/meminfo"))
            {
                if (!line.StartsWith("MemTotal:", StringComparison.Ordinal)) continue;
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return parts.Length >= 2 && long.TryParse(parts[1], out var kb) ? kb * 1024 : 0;
            }
            return 0;
        }
    }

    /// <summary>Whether the kernel forwards IPv4 packets (containers on a bridge need it).</summary>
    public static bool Ipv4Forwarding => ReadTrimmed("/proc/sys/net/ipv4/ip_forward") == "1";

    /// <summary>The number of descriptors berthd has open.</summary>
    public static int OpenFileDescriptors
    {
        get
        {
            try { return Directory.GetFileSystemEntries("/proc/self/fd").Length; }
            catch (IOException) { return 0; }
        }
    }

    /// <summary>The number of threads berthd runs.</summary>
    public static int Threads
    {
        get
        {
            foreach (var line in ReadLines("/proc/self/status"))
                if (line.StartsWith("Threads:", StringComparison.Ordinal) && int.TryParse(line[8..].Trim(), out var n)) return n;
            return 0;
        }
    }

    /// <summary>A file's text without surrounding white space, or null when it cannot be read.</summary>
    internal static string? ReadTrimmed(string path)
    {
        try { return File.ReadAllText(path).Trim(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    private static IEnumerable<string> ReadLines(string path)
    {
        try { return File.ReadAllLines(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }
}
