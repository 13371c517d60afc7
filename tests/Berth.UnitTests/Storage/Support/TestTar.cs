using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Berth.Tests.Storage;

/// <summary>Builds layer tarballs in memory, entry by entry, the way registries serve them.</summary>
internal sealed class TestTar
{
    private static readonly DateTimeOffset Epoch = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly MemoryStream _buffer = new();
    private readonly TarWriter _writer;

    internal TestTar() => _writer = new TarWriter(_buffer, TarEntryFormat.Pax, leaveOpen: true);

    internal TestTar Dir(string name, int mode = 0x1ED, int uid = 0, int gid = 0, Dictionary<string, string>? xattrs = null)
        => Add(Entry(TarEntryType.Directory, name, mode, uid, gid, xattrs));

    internal TestTar File(string name, string content, int mode = 0x1A4, int uid = 0, int gid = 0, Dictionary<string, string>? xattrs = null)
    {
        var entry = Entry(TarEntryType.RegularFile, name, mode, uid, gid, xattrs);
        entry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content));
        return Add(entry);
    }

    internal TestTar Symlink(string name, string target) => Add(Link(TarEntryType.SymbolicLink, name, target));

    internal TestTar Hardlink(string name, string target) => Add(Link(TarEntryType.HardLink, name, target));

    internal TestTar Device(string name, TarEntryType type, int major, int minor, int mode = 0x1B6)
    {
        var entry = Entry(type, name, mode, 0, 0, null);
        entry.DeviceMajor = major;
        entry.DeviceMinor = minor;
        return Add(entry);
    }

    internal TestTar Fifo(string name, int mode = 0x1A4) => Add(Entry(TarEntryType.Fifo, name, mode, 0, 0, null));

    /// <summary>An OCI whiteout for path (dir/.wh.name).</summary>
    internal TestTar Whiteout(string path)
    {
        var slash = path.LastIndexOf('/') + 1;
        return File(path[..slash] + ".wh." + path[slash..], "", 0);
    }

    /// <summary>An OCI opaque marker for dir.</summary>
    internal TestTar Opaque(string dir) => File(dir.TrimEnd('/') + "/.wh..wh..opq", "", 0);

    /// <summary>The finished, uncompressed tar.</summary>
    internal byte[] ToArray()
    {
        _writer.Dispose();
        return _buffer.ToArray();
    }

    internal static byte[] Gzip(byte[] tar)
    {
        var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(tar);
        return output.ToArray();
    }

    internal static byte[] Zstd(byte[] tar)
    {
        using var compressor = new ZstdSharp.Compressor();
        return compressor.Wrap(tar).ToArray();
    }

    private TestTar Add(TarEntry entry)
    {
        _writer.WriteEntry(entry);
        return this;
    }

    private static PaxTarEntry Link(TarEntryType type, string name, string target)
    {
        var entry = Entry(type, name, 0x1FF, 0, 0, null);
        entry.LinkName = target;
        return entry;
    }

    private static PaxTarEntry Entry(TarEntryType type, string name, int mode, int uid, int gid, Dictionary<string, string>? xattrs)
    {
        var pax = (xattrs ?? []).Select(kv => new KeyValuePair<string, string>("SCHILY.xattr." + kv.Key, kv.Value));
        return new PaxTarEntry(type, name, pax)
        {
            Mode = (UnixFileMode)mode, Uid = uid, Gid = gid, ModificationTime = Epoch,
        };
    }
}
