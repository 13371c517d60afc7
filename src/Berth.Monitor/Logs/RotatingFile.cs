using System.IO.Compression;

namespace Berth.Monitor.Logs;

/// <summary>An append-only log file rotated as dockerd does: once it holds max-size bytes, file.N-2 → file.N-1, …,
/// file → file.1 and a new file starts (with max-file 1 the file is just truncated). With compress, rotated files
/// from file.2 on are gzipped (file.2.gz …), on a background task so that the output pump never waits for it; file.1
/// stays plain until the next rotation, so that a follower still holding the old live file finds it by its inode.</summary>
internal sealed class RotatingFile : IDisposable
{
    private readonly string _path;
    private readonly long _maxSize;
    private readonly int _maxFile;
    private readonly bool _compress;
    private FileStream _file;
    private long _size;
    private Task _compressing = Task.CompletedTask;

    internal RotatingFile(string path, long maxSize, int maxFile, bool compress)
    {
        _path = path;
        _maxSize = maxSize;
        _maxFile = Math.Max(maxFile, 1);
        _compress = compress;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _file = Open(FileMode.Append);
        _size = _file.Length;
    }

    /// <summary>The name of rotated file n (1 = the newest) of the log at path.</summary>
    internal static string Rotated(string path, int n, bool compressed) => compressed ? $"{path}.{n}.gz" : $"{path}.{n}";

    /// <summary>Appends one encoded entry (never split across files).</summary>
    internal void Write(ReadOnlySpan<byte> entry)
    {
        if (_maxSize > 0 && _size >= _maxSize) Rotate();
        _file.Write(entry);
        _file.Flush();
        _size += entry.Length;
    }

    private void Rotate()
    {
        _file.Dispose();
        if (_maxFile > 1)
        {
            // The previous compression must be done before its file moves on (it is, unless max-size is tiny).
            _compressing.Wait();
            for (var i = _maxFile - 1; i > 2; i--) Shift(i - 1, i);
            if (_maxFile > 2)
            {
                Shift(1, 2);
                if (_compress && File.Exists(Rotated(_path, 2, false)))
                {
                    var plain = Rotated(_path, 2, false);
                    _compressing = Task.Run(() => Gzip(plain, Rotated(_path, 2, true)));
                }
            }
            File.Move(_path, Rotated(_path, 1, false), overwrite: true);
        }
        _file = Open(FileMode.Create);
        _size = 0;
    }

    // Moves rotated file from → to, plain or gzipped as it is, replacing either form of to.
    private void Shift(int from, int to)
    {
        foreach (var compressed in new[] { false, true })
        {
            var source = Rotated(_path, from, compressed);
            if (!File.Exists(source)) continue;
            File.Delete(Rotated(_path, to, !compressed));
            File.Move(source, Rotated(_path, to, compressed), overwrite: true);
        }
    }

    // Whole or absent: the .gz appears by rename, and the plain file goes only after it. A reader that opened the plain
    // file meanwhile still reads it through its handle.
    private static void Gzip(string plain, string target)
    {
        var temp = target + ".tmp";
        try
        {
            using (var source = new FileStream(plain, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var output = new FileStream(temp, FileMode.Create, FileAccess.Write))
            using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
                source.CopyTo(gzip);
            File.Move(temp, target, overwrite: true);
            File.Delete(plain);
        }
        catch (IOException e)
        {
            // The plain file stays readable; a failed compression costs only disk space.
            Console.Error.WriteLine($"berth-monitor: compress {plain}: {e.Message}");
            try { File.Delete(temp); } catch (IOException) { }
        }
    }

    private FileStream Open(FileMode mode) => new(_path, new FileStreamOptions
    {
        Mode = mode, Access = FileAccess.Write, Share = FileShare.ReadWrite | FileShare.Delete, BufferSize = 0,
        UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead,
    });

    public void Dispose()
    {
        _file.Dispose();
        _compressing.Wait();
    }
}
