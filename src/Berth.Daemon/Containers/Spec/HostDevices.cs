using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Berth.Oci.RuntimeSpec;

namespace Berth.Daemon.Containers.Spec;

/// <summary>Device nodes of the host, for --device and --privileged.</summary>
public interface IHostDevices
{
    /// <summary>The device at <paramref name="hostPath"/> (or every device under it, when it is a directory), each
    /// with its path in the container; throws <see cref="ContainerStartError"/> as dockerd words it.</summary>
    IReadOnlyList<LinuxDevice> FromPath(string hostPath, string containerPath);

    /// <summary>Every device under /dev that a privileged container gets (libcontainer's HostDevices).</summary>
    IReadOnlyList<LinuxDevice> All();
}

/// <summary>The real /dev, read with statx(2).</summary>
public sealed partial class HostDevices : IHostDevices
{
    /// <summary>Directories of /dev that hold no devices a container should get, as libcontainer skips them.</summary>
    private static readonly HashSet<string> SkippedDirs = ["pts", "shm", "fd", "mqueue", ".lxc", ".lxd-mounts", ".udev"];

    /// <inheritdoc />
    public IReadOnlyList<LinuxDevice> FromPath(string hostPath, string containerPath)
    {
        var error = $"error gathering device information while adding custom device \"{hostPath}\"";
        if (Stat(hostPath, follow: true) is not { } st) throw new ContainerStartError($"{error}: no such file or directory");
        if (Device(hostPath, containerPath, st) is { } one) return [one];
        if ((st.Mode & 0xF000) != 0x4000) throw new ContainerStartError($"{error}: not a device node");
        var list = new List<LinuxDevice>();
        foreach (var file in Directory.EnumerateFiles(hostPath, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            if (Stat(file, follow: false) is { } s && Device(file, containerPath + file[hostPath.TrimEnd('/').Length..], s) is { } d)
                list.Add(d);
        return list;
    }

    /// <inheritdoc />
    public IReadOnlyList<LinuxDevice> All()
    {
        var list = new List<LinuxDevice>();
        Walk("/dev", list);
        return list;
    }

    private static void Walk(string dir, List<LinuxDevice> list)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(dir).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(entry);
            if (Stat(entry, follow: false) is not { } st) continue;
            if ((st.Mode & 0xF000) == 0x4000)
            {
                if (!SkippedDirs.Contains(name)) Walk(entry, list);
            }
            else if (name != "console" && Device(entry, entry, st) is { } d) list.Add(d);
        }
    }

    private static LinuxDevice? Device(string hostPath, string containerPath, StatResult st)
    {
        var type = (st.Mode & 0xF000) switch { 0x2000 => "c", 0x6000 => "b", 0x1000 => "p", _ => null };
        if (type is null) return null;
        return new LinuxDevice
        {
            Type = type, Path = containerPath, Major = st.Major, Minor = st.Minor,
            FileMode = st.Mode & 0x1FFu, Uid = st.Uid, Gid = st.Gid,
        };
    }

    private readonly record struct StatResult(uint Mode, uint Uid, uint Gid, long Major, long Minor);

    private static StatResult? Stat(string path, bool follow)
    {
        const int AtFdCwd = -100, AtSymlinkNoFollow = 0x100, StatxBasicStats = 0x7ff;
        var buf = new byte[256];
        if (statx(AtFdCwd, path, follow ? 0 : AtSymlinkNoFollow, StatxBasicStats, buf) != 0) return null;
        // struct statx: uid at 20, gid at 24, mode (u16) at 28, rdev major/minor at 128/132.
        return new StatResult(BinaryPrimitives.ReadUInt16LittleEndian(buf.AsSpan(28)), BinaryPrimitives.ReadUInt32LittleEndian(buf.AsSpan(20)),
            BinaryPrimitives.ReadUInt32LittleEndian(buf.AsSpan(24)), BinaryPrimitives.ReadUInt32LittleEndian(buf.AsSpan(128)),
            BinaryPrimitives.ReadUInt32LittleEndian(buf.AsSpan(132)));
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int statx(int dirfd, string path, int flags, uint mask, [Out] byte[] buffer);
}
