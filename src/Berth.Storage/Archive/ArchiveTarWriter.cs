using System.Buffers.Binary;
using System.Text;

namespace Berth.Storage.Archive;

/// <summary>Writes the outer tar of an image archive as a stream: ustar headers for directories and regular files with
/// short names, the content, padding, and the end-of-archive blocks.</summary>
/// <remarks>System.Formats.Tar's writer needs a seekable data stream or archive to learn a size; here every size is
/// known before the content, which is what lets a layer stream straight from its files to the client.</remarks>
internal sealed class ArchiveTarWriter(Stream output)
{
    private const int Block = 512;
    private static readonly byte[] Zeros = new byte[Block * 2];

    /// <summary>A directory entry (name ends with '/'), mode 0755.</summary>
    internal void Directory(string name, DateTimeOffset modified) => Header(name, '5', 0x1ED, 0, modified);

    /// <summary>A regular file (mode 0644) with the given content.</summary>
    internal void File(string name, ReadOnlySpan<byte> content, DateTimeOffset modified)
    {
        Header(name, '0', 0x1A4, content.Length, modified);
        output.Write(content);
        Pad(content.Length);
    }

    /// <summary>A regular file of exactly size bytes, which write must put into the stream it is given.</summary>
    internal void File(string name, long size, DateTimeOffset modified, Action<Stream> write)
    {
        Header(name, '0', 0x1A4, size, modified);
        write(output);
        Pad(size);
    }

    /// <summary>The two zero blocks that end a tar.</summary>
    internal void Finish()
    {
        output.Write(Zeros);
        output.Flush();
    }

    private void Pad(long size)
    {
        var rest = (int)(size % Block);
        if (rest != 0) output.Write(Zeros, 0, Block - rest);
    }

    private void Header(string name, char type, int mode, long size, DateTimeOffset modified)
    {
        Span<byte> header = stackalloc byte[Block];
        header.Clear();
        if (Encoding.UTF8.GetBytes(name, header[..100]) == 100) throw new ArgumentException($"archive entry name too long: {name}");
        Octal(header.Slice(100, 8), mode);
        Octal(header.Slice(108, 8), 0);
        Octal(header.Slice(116, 8), 0);
        Size(header.Slice(124, 12), size);
        Octal(header.Slice(136, 12), Math.Max(0, modified.ToUnixTimeSeconds()));
        header[156] = (byte)type;
        "ustar\000"u8.CopyTo(header[257..]);
        "root"u8.CopyTo(header[265..]);
        "root"u8.CopyTo(header[297..]);
        // The checksum is taken with its own field as spaces, then written as six octal digits, NUL, space.
        header.Slice(148, 8).Fill((byte)' ');
        var sum = 0;
        foreach (var b in header) sum += b;
        Octal(header.Slice(148, 7), sum);
        header[154] = 0;
        header[155] = (byte)' ';
        output.Write(header);
    }

    // An octal number filling the field but its last byte, which stays NUL.
    private static void Octal(Span<byte> field, long value)
    {
        for (var i = field.Length - 2; i >= 0; i--, value >>= 3) field[i] = (byte)('0' + (value & 7));
    }

    // Sizes past 8 GiB do not fit eleven octal digits; GNU's base-256 form (high bit set) holds any size.
    private static void Size(Span<byte> field, long size)
    {
        if (size < 1L << 33) Octal(field, size);
        else
        {
            field.Clear();
            field[0] = 0x80;
            BinaryPrimitives.WriteInt64BigEndian(field[4..], size);
        }
    }
}
