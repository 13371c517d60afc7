using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Berth.Oci.Image;
using Berth.Storage.Interop;

namespace Berth.Storage.Layers;

/// <summary>A layer's stored tar-split: with the unpacked layer folder it writes the layer's original tar again, which
/// is what `save` needs, since a tar written afresh from the folder would not hash to the layer's DiffID.</summary>
/// <remarks>The file sits beside the layer folder (layers/&lt;chain&gt;.tar-split), never inside it: the folder is an
/// overlay lower dir and must hold only the layer's files.</remarks>
public sealed class LayerTarSplit
{
    /// <summary>What the tar-split file's name adds to the layer folder's.</summary>
    public const string FileSuffix = ".tar-split";

    private readonly string _layerDir;
    private readonly string _path;
    private readonly string _name;

    /// <summary>The DiffID the recorded tar hashed to when the layer was applied.</summary>
    public Digest DiffId { get; }

    /// <summary>The length of the layer's tar in bytes.</summary>
    public long TarLength { get; }

    private LayerTarSplit(string layerDir, string path, string name, Digest diffId, long length)
        => (_layerDir, _path, _name, DiffId, TarLength) = (layerDir, path, name, diffId, length);

    /// <summary>Where the tar-split of the layer unpacked at layerDir lives.</summary>
    public static string PathFor(string layerDir) => Path.TrimEndingDirectorySeparator(layerDir) + FileSuffix;

    /// <summary>Opens the tar-split of the layer at layerDir, which must be the layer named (in messages) by name with
    /// the given DiffID; <see cref="LayerReassemblyException"/> when it is missing, damaged or not reproducible.</summary>
    public static LayerTarSplit Open(string layerDir, string name, Digest diffId)
    {
        var path = PathFor(layerDir);
        Span<byte> header = stackalloc byte[TarSplitFormat.HeaderLength];
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
            file.ReadExactly(header);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new LayerReassemblyException($"layer {name} cannot be saved: it was stored before Berth kept the data to rebuild its tar (tar-split); remove the image and load it again");
        }
        catch (EndOfStreamException)
        {
            throw Damaged(name, "its header is cut short");
        }
        if (!header[..8].SequenceEqual(TarSplitFormat.Magic)) throw Damaged(name, "it has an unknown format");
        if ((header[8] & TarSplitFormat.FlagContentReplaced) != 0)
            throw new LayerReassemblyException($"layer {name} cannot be saved: its tar writes a file and later replaces or deletes it, and only the last version was kept");
        var recorded = Digest.FromHash(header[17..]);
        if (recorded != diffId) throw Damaged(name, $"it records the tar of {recorded}");
        return new LayerTarSplit(Path.TrimEndingDirectorySeparator(layerDir), path, name, diffId, BinaryPrimitives.ReadInt64LittleEndian(header[9..]));
    }

    /// <summary>Writes the layer's tar to output, exactly <see cref="TarLength"/> bytes, hashing as it goes; throws
    /// <see cref="LayerReassemblyException"/> when the files or the record changed so the result is not the layer.</summary>
    /// <remarks>The check on the DiffID can only come at the end; a caller streaming to a client must then break the
    /// stream off, so that nobody takes what was written for the layer.</remarks>
    public void WriteTar(Stream output)
    {
        using var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        file.Position = TarSplitFormat.HeaderLength;
        using var records = new BinaryReader(new GZipStream(file, CompressionMode.Decompress), Encoding.UTF8);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        long written = 0;
        try
        {
            while (true)
            {
                var kind = records.ReadByte();
                if (kind == TarSplitFormat.EndRecord)
                {
                    var total = records.Read7BitEncodedInt64();
                    if (total != written || total != TarLength) throw Damaged(_name, $"it ends after {written} bytes of {TarLength}");
                    break;
                }
                if (kind == TarSplitFormat.RawRecord)
                {
                    written += Copy(records.BaseStream, records.Read7BitEncodedInt64(), output, hash, buffer, "record");
                    continue;
                }
                if (kind != TarSplitFormat.FileRecord) throw Damaged(_name, $"it holds an unknown record {kind}");
                var size = records.Read7BitEncodedInt64();
                var path = records.ReadString();
                using var content = OpenContent(path, size);
                written += Copy(content, size, output, hash, buffer, path);
            }
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or FormatException)
        {
            throw Damaged(_name, e.Message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        var actual = Digest.FromHash(hash.GetHashAndReset());
        if (actual != DiffId)
            throw new LayerReassemblyException($"layer {_name} cannot be saved: its rebuilt tar hashes to {actual}, not to its DiffID; the layer's files changed since it was stored");
    }

    private long Copy(Stream source, long count, Stream output, IncrementalHash hash, byte[] buffer, string what)
    {
        for (var left = count; left > 0;)
        {
            var n = source.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (n <= 0) throw new LayerReassemblyException($"layer {_name} cannot be saved: \"{what}\" ended {left} bytes early");
            hash.AppendData(buffer, 0, n);
            output.Write(buffer, 0, n);
            left -= n;
        }
        return count;
    }

    // Component by component without following symlinks: a later entry of the layer may have turned a parent into
    // a symlink, and a save must never read (or block on) anything outside the layer.
    private FileStream OpenContent(string relativePath, long size)
    {
        var parts = relativePath.Split('/');
        if (parts.Any(p => p is "" or "." or ".."))
            throw Damaged(_name, $"it refers to the invalid path \"{relativePath}\"");
        var current = _layerDir;
        for (var i = 0; i < parts.Length; i++)
        {
            current = Path.Combine(current, parts[i]);
            var st = Fs.Lstat(current);
            var last = i == parts.Length - 1;
            if (st is null || (!last && !st.Value.IsDirectory) || (last && !st.Value.IsRegular))
                throw new LayerReassemblyException($"layer {_name} cannot be saved: its file \"{relativePath}\" is missing or no longer a regular file");
            if (last && st.Value.Size != size)
                throw new LayerReassemblyException($"layer {_name} cannot be saved: its file \"{relativePath}\" has {st.Value.Size} bytes, the layer's tar had {size}");
        }
        return new FileStream(current, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
    }

    private static LayerReassemblyException Damaged(string name, string problem)
        => new($"layer {name} cannot be saved: its tar-split record is damaged ({problem})");
}
