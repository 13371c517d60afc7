namespace Berth.Monitor.Logs;

/// <summary>An append-only log file rotated as dockerd does: once it holds max-size bytes, file.N-2 → file.N-1, …,
/// file → file.1 and a new file starts (with max-file 1 the file is just truncated).</summary>
internal sealed class RotatingFile : IDisposable
{
    private readonly string _path;
    private readonly long _maxSize;
    private readonly int _maxFile;
    private FileStream _file;
    private long _size;

    internal RotatingFile(string path, long maxSize, int maxFile)
    {
        _path = path;
        _maxSize = maxSize;
        _maxFile = Math.Max(maxFile, 1);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _file = Open(FileMode.Append);
        _size = _file.Length;
    }

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
            for (var i = _maxFile - 1; i > 1; i--)
                if (File.Exists($"{_path}.{i - 1}")) File.Move($"{_path}.{i - 1}", $"{_path}.{i}", overwrite: true);
            File.Move(_path, _path + ".1", overwrite: true);
        }
        _file = Open(FileMode.Create);
        _size = 0;
    }

    private FileStream Open(FileMode mode) => new(_path, new FileStreamOptions
    {
        Mode = mode, Access = FileAccess.Write, Share = FileShare.ReadWrite | FileShare.Delete, BufferSize = 0,
        UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead,
    });

    public void Dispose() => _file.Dispose();
}
