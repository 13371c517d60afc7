using Berth.Daemon.Hosting;
using Berth.Oci.RuntimeSpec;

namespace Berth.Daemon.Containers.Lifecycle;

/// <summary>The /etc/hostname, /etc/hosts and /etc/resolv.conf a container gets, written into its folder and
/// bind-mounted over the image's, as dockerd does.</summary>
public static class EtcFiles
{
    private const string LocalHosts = """
        127.0.0.1	localhost
        ::1	localhost ip6-localhost ip6-loopback
        fe00::0	ip6-localnet
        ff00::0	ip6-mcastprefix
        ff02::1	ip6-allnodes
        ff02::2	ip6-allrouters

        """;

    /// <summary>Writes the three files for the container (host networking shares the host's hosts and resolv.conf).</summary>
    public static void Write(string folder, string hostname, bool hostNetwork)
    {
        Directory.CreateDirectory(folder);
        const UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        AtomicFile.WriteAllText(Path.Combine(folder, "hostname"), hostname + "\n", mode);
        AtomicFile.WriteAllText(Path.Combine(folder, "hosts"), hostNetwork ? ReadOr("/etc/hosts", LocalHosts) : LocalHosts, mode);
        AtomicFile.WriteAllText(Path.Combine(folder, "resolv.conf"), ResolvConf(ReadOr("/etc/resolv.conf", ""), hostNetwork), mode);
    }

    /// <summary>The bind mounts of the three files, in dockerd's order.</summary>
    public static IEnumerable<Mount> Mounts(string folder, bool readOnly)
    {
        foreach (var name in new[] { "resolv.conf", "hostname", "hosts" })
            yield return new Mount
            {
                Destination = "/etc/" + name, Type = "bind", Source = Path.Combine(folder, name),
                Options = readOnly ? ["rbind", "rprivate", "ro"] : ["rbind", "rprivate"],
            };
    }

    /// <summary>The host's resolv.conf for a container: a loopback resolver of the host is unreachable from a network
    /// namespace of its own, so those lines go, as in dockerd.</summary>
    public static string ResolvConf(string host, bool hostNetwork)
    {
        if (hostNetwork) return host;
        var lines = host.Split('\n').Where(l => !IsLoopbackNameserver(l)).ToList();
        return string.Join('\n', lines).TrimEnd('\n') + "\n";
    }

    private static bool IsLoopbackNameserver(string line)
    {
        var parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && parts[0] == "nameserver" && (parts[1].StartsWith("127.", StringComparison.Ordinal) || parts[1] == "::1");
    }

    private static string ReadOr(string path, string fallback) => File.Exists(path) ? File.ReadAllText(path) : fallback;
}
