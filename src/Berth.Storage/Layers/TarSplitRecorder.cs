using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Berth.Oci.Image;

namespace Berth.Storage.Layers;

/// <summary>Passes an uncompressed layer tar through while recording its tar-split: every byte verbatim except the
/// content of regular files the applier claims with <see cref="BeginFile"/>, which is recorded as a reference to the
/// unpacked file. Together with the unpacked layer this gives back the original tar, byte for byte.</summary>
/// <remarks>It relies on the tar reader pulling a file's content only through the entry's data stream, between
/// <see cref="BeginFile"/> and <see cref="EndFile"/>; <see cref="EndFile"/> checks the count, so a reader that read
/// ahead would fail loudly instead of recording a wrong split.</remarks>
internal sealed class TarSplitRecorder : ReadOnlyStream
{
    private readonly Stream _source;
    private readonly FileStream _file;
    private readonly GZipStream _gzip;
    private readonly BinaryWriter _records;
    private readonly MemoryStream _raw = new();
    private readonly HashSet<string> _referenced = new(StringComparer.Ordinal);
    private long _total;
    private long _fileRemaining = -1;
    private bool _contentReplaced;
    private bool _ended;

    /// <summary>Records what is read from source into the new file at path (its header is written by <see cref="Complete"/>).</summary>
    internal TarSplitRecorder(Stream source, string path)
    {
        _source = source;
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        _file.Write(new byte[TarSplitFormat.HeaderLength]);
        _gzip = new GZipStream(_file, CompressionLevel.Fastest, leaveOpen: true);
        _records = new BinaryWriter(_gzip, Encoding.UTF8, leaveOpen: true);
    }

    public override int Read(Span<byte> buffer)
    {
        var n = _source.Read(buffer);
        if (n <= 0)
        {
            _ended = true;
            return n;
        }
        _total += n;
        if (_fileRemaining >= 0)
        {
            _fileRemaining -= n;
            if (_fileRemaining < 0) throw new InvalidOperationException("the tar reader read past a file's content while it was being recorded");
            return n;
        }
        _raw.Write(buffer[..n]);
        if (_raw.Length >= TarSplitFormat.MaxRawRecord) FlushRaw();
        return n;
    }

    /// <summary>The next size bytes read are the content of the file at relativePath (slash-separated, in the layer).</summary>
    internal void BeginFile(string relativePath, long size)
    {
        FlushRaw();
        _records.Write(TarSplitFormat.FileRecord);
        _records.Write7BitEncodedInt64(size);
        _records.Write(relativePath);
        _referenced.Add(relativePath);
        _fileRemaining = size;
    }

    /// <summary>Ends the file begun last; throws if its content was not read exactly (EndOfStreamException when the
    /// tar itself ended inside it).</summary>
    internal void EndFile()
    {
        if (_fileRemaining != 0 && _ended) throw new EndOfStreamException();
        if (_fileRemaining != 0) throw new InvalidOperationException($"a file's content was read short by {_fileRemaining} bytes while being recorded");
        _fileRemaining = -1;
    }

    /// <summary>The applier is about to remove or replace relativePath: content recorded under it (or below it) is lost.</summary>
    internal void Replacing(string relativePath)
    {
        if (_contentReplaced || _referenced.Count == 0) return;
        var below = relativePath + "/";
        _contentReplaced = _referenced.Contains(relativePath) || _referenced.Any(p => p.StartsWith(below, StringComparison.Ordinal));
    }

    /// <summary>Ends the record (after the whole tar, trailing padding included, was read) and writes its header.</summary>
    internal void Complete(Digest diffId)
    {
        FlushRaw();
        _records.Write(TarSplitFormat.EndRecord);
        _records.Write7BitEncodedInt64(_total);
        _records.Flush();
        _gzip.Dispose();
        Span<byte> header = stackalloc byte[TarSplitFormat.HeaderLength];
        TarSplitFormat.Magic.CopyTo(header);
        header[8] = _contentReplaced ? TarSplitFormat.FlagContentReplaced : (byte)0;
        BinaryPrimitives.WriteInt64LittleEndian(header[9..], _total);
        Convert.FromHexString(diffId.Hex).CopyTo(header[17..]);
        _file.Position = 0;
        _file.Write(header);
        // Durability comes from the applier's syncfs of the layer's filesystem, which holds this file too.
        _file.Flush();
    }

    private void FlushRaw()
    {
        if (_raw.Length == 0) return;
        _records.Write(TarSplitFormat.RawRecord);
        _records.Write7BitEncodedInt64(_raw.Length);
        _records.Write(_raw.GetBuffer(), 0, (int)_raw.Length);
        _raw.SetLength(0);
    }

    protected override void Dispose(bool disposing)
    {
        // The BinaryWriter only wraps the gzip stream (leaveOpen), so it has nothing of its own to release.
        if (disposing)
        {
            _gzip.Dispose();
            _file.Dispose();
        }
        base.Dispose(disposing);
    }
}
