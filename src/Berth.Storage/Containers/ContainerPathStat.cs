using System.Text;
using System.Text.Json;
using Berth.Oci.Image;
using Berth.Storage.Interop;

namespace Berth.Storage.Containers;

/// <summary>What HEAD /containers/{id}/archive tells about a path: Docker's ContainerPathStat, with Mode in Go's
/// os.FileMode bits (type bits high, permissions low) and LinkTarget the symlink's target resolved in the container.</summary>
public sealed record ContainerPathStat(string Name, long Size, uint Mode, DateTimeOffset Mtime, string LinkTarget)
{
    private const uint GoModeDir = 1u << 31;
    private const uint GoModeSymlink = 1u << 27;
    private const uint GoModeDevice = 1u << 26;
    private const uint GoModeNamedPipe = 1u << 25;
    private const uint GoModeSocket = 1u << 24;
    private const uint GoModeSetuid = 1u << 23;
    private const uint GoModeSetgid = 1u << 22;
    private const uint GoModeCharDevice = 1u << 21;
    private const uint GoModeSticky = 1u << 20;
    private const uint UnixSocket = 0xC000;

    /// <summary>The X-Docker-Container-Path-Stat header: the JSON Docker writes ({"name","size","mode","mtime",
    /// "linkTarget"}), base64-encoded.</summary>
    public string HeaderValue()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("name", Name);
            json.WriteNumber("size", Size);
            json.WriteNumber("mode", Mode);
            json.WriteString("mtime", Rfc3339.Format(Mtime));
            json.WriteString("linkTarget", LinkTarget);
            json.WriteEndObject();
        }
        return Convert.ToBase64String(buffer.ToArray());
    }

    /// <summary>Reads a header value back (for tests and clients).</summary>
    public static ContainerPathStat FromHeaderValue(string value)
    {
        using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(value)));
        var root = doc.RootElement;
        Rfc3339.TryParse(root.GetProperty("mtime").GetString(), out var mtime);
        return new ContainerPathStat(root.GetProperty("name").GetString() ?? "", root.GetProperty("size").GetInt64(),
            root.GetProperty("mode").GetUInt32(), mtime, root.GetProperty("linkTarget").GetString() ?? "");
    }

    /// <summary>Go's os.FileMode for a Unix st_mode.</summary>
    internal static uint GoFileMode(uint unixMode)
    {
        var mode = unixMode & 0x1FF;
        if ((unixMode & 0x800) != 0) mode |= GoModeSetuid;
        if ((unixMode & 0x400) != 0) mode |= GoModeSetgid;
        if ((unixMode & 0x200) != 0) mode |= GoModeSticky;
        return mode | (unixMode & Libc.S_IFMT) switch
        {
            Libc.S_IFDIR => GoModeDir,
            Libc.S_IFLNK => GoModeSymlink,
            Libc.S_IFIFO => GoModeNamedPipe,
            UnixSocket => GoModeSocket,
            Libc.S_IFCHR => GoModeDevice | GoModeCharDevice,
            Libc.S_IFBLK => GoModeDevice,
            _ => 0u,
        };
    }
}
