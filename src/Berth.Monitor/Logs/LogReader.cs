using System.IO.Compression;
using System.Runtime.CompilerServices;

namespace Berth.Monitor.Logs;

/// <summary>Reads a container's log for `logs`: the rotated files oldest first, then the live file, optionally
/// following it (across rotations) until cancelled; a cancelled follower still reads what the file holds by then, so
/// a follow cancelled at the container's exit ends with its last line.</summary>
public static class LogReader
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    /// <summary>The entries of the log at path written by driver (json-file or local), filtered by options.</summary>
    public static async IAsyncEnumerable<LogMessage> ReadAsync(string driver, string path, LogReadOptions options,
        [EnumeratorCancellation] CancellationToken cancel)
    {
        var format = LogWriter.FormatOf(driver)
            ?? throw new LogConfigException("configured logging driver does not support reading");
        // Open the live file first: whatever is rotated after this point is still read through this handle.
        var live = OpenOrNull(path);
        var liveId = live == null ? 0 : FileIdentity.Of(live.SafeFileHandle);
        var backlog = new Queue<LogMessage>();
        foreach (var rotated in RotatedFiles(path))
        {
            using var file = OpenOrNull(rotated);
            if (file == null || (live != null && FileIdentity.Of(file.SafeFileHandle) == liveId)) continue;
            await foreach (var m in Drain(file, rotated, format, cancel)) Keep(backlog, m, options);
        }
        var reader = live == null ? null : new EntryStream(live, format);
        if (reader != null)
            await foreach (var m in reader.ReadAvailableAsync(cancel)) Keep(backlog, m, options);
        foreach (var m in backlog)
        {
            if (Past(m, options)) yield break;
            yield return m;
        }
        if (!options.Follow) { live?.Dispose(); yield break; }

        try
        {
            while (!cancel.IsCancellationRequested)
            {
                // Read what is new; when nothing is, check for a rotation, draining the old file once more first
                // (the writer may have appended its last entries between our read and its rename).
                var any = false;
                var rotated = false;
                for (var pass = 0; pass < 2 && reader != null; pass++)
                {
                    await foreach (var m in reader.ReadAvailableAsync(cancel))
                    {
                        any = true;
                        if (Past(m, options)) yield break;
                        if (Early(m, options)) continue;
                        yield return m;
                    }
                    if (any || pass == 1) break;
                    var currentId = FileIdentity.Of(path);
                    rotated = currentId != 0 && currentId != liveId;
                    if (!rotated) break;
                }
                if (any) continue;
                if (rotated)
                {
                    // Several rotations may have happened since the last look: read the files newer than ours first.
                    foreach (var newer in NewerRotatedFiles(path, liveId))
                    {
                        using var file = OpenOrNull(newer);
                        if (file == null) continue;
                        await foreach (var m in Drain(file, newer, format, cancel))
                        {
                            if (Past(m, options)) yield break;
                            if (Early(m, options)) continue;
                            yield return m;
                        }
                    }
                }
                if ((rotated || reader == null) && OpenOrNull(path) is { } next)
                {
                    live?.Dispose();
                    live = next;
                    liveId = FileIdentity.Of(next.SafeFileHandle);
                    reader = new EntryStream(next, format);
                    continue;
                }
                try { await Task.Delay(Poll, cancel); }
                catch (OperationCanceledException) { }
            }
            if (reader != null)
                await foreach (var m in reader.ReadAvailableAsync(CancellationToken.None))
                {
                    if (Past(m, options)) yield break;
                    if (Early(m, options)) continue;
                    yield return m;
                }
        }
        finally
        {
            live?.Dispose();
        }
    }

    private static bool Early(LogMessage m, LogReadOptions options) => options.Since is { } since && m.Time < since;

    private static bool Past(LogMessage m, LogReadOptions options) => options.Until is { } until && m.Time > until;

    private static void Keep(Queue<LogMessage> backlog, LogMessage m, LogReadOptions options)
    {
        if (Early(m, options)) return;
        if (options.Tail == 0) return;
        backlog.Enqueue(m);
        if (options.Tail > 0 && backlog.Count > options.Tail) backlog.Dequeue();
    }

    // A rotated file whole; a gzipped one (compress) through a decompressor.
    private static async IAsyncEnumerable<LogMessage> Drain(FileStream file, string name, ILogFormat format,
        [EnumeratorCancellation] CancellationToken cancel)
    {
        await using var gzip = name.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : null;
        await foreach (var m in new EntryStream(gzip ?? (Stream)file, format).ReadAvailableAsync(cancel)) yield return m;
    }

    /// <summary>path.N … path.1 that exist, oldest first, each plain or (compress) gzipped; plain first while both
    /// exist, as during a compression.</summary>
    private static IEnumerable<string> RotatedFiles(string path)
    {
        var found = new List<string>();
        for (var n = 1; ; n++)
        {
            var plain = RotatingFile.Rotated(path, n, compressed: false);
            var gzipped = RotatingFile.Rotated(path, n, compressed: true);
            if (File.Exists(plain)) found.Add(plain);
            else if (File.Exists(gzipped)) found.Add(gzipped);
            else break;
        }
        for (var i = found.Count - 1; i >= 0; i--) yield return found[i];
    }

    /// <summary>The rotated files written after the one with inode current, oldest first (all of them when that
    /// file is gone: it was the oldest and rotated out).</summary>
    private static List<string> NewerRotatedFiles(string path, ulong current)
    {
        var files = RotatedFiles(path).ToList();
        var ours = files.FindIndex(f => FileIdentity.Of(f) == current);
        return ours < 0 ? files : files[(ours + 1)..];
    }

    private static FileStream? OpenOrNull(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, useAsync: false);
        }
        catch (FileNotFoundException) { return null; }
        catch (DirectoryNotFoundException) { return null; }
    }

    /// <summary>Decodes entries from a file that may still be growing; an incomplete last entry waits for more bytes.</summary>
    private sealed class EntryStream(Stream file, ILogFormat format)
    {
        private byte[] _buffer = new byte[64 * 1024];
        private int _start, _end;

        internal async IAsyncEnumerable<LogMessage> ReadAvailableAsync([EnumeratorCancellation] CancellationToken cancel)
        {
            while (true)
            {
                while (TryNext(out var message))
                    if (message != null) yield return message;
                if (_start > 0)
                {
                    _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                    _end -= _start;
                    _start = 0;
                }
                if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
                int n;
                try { n = await file.ReadAsync(_buffer.AsMemory(_end), cancel); }
                catch (OperationCanceledException) { n = 0; } // a follower ends quietly when cancelled
                if (n == 0) yield break;
                _end += n;
            }
        }

        private bool TryNext(out LogMessage? message)
        {
            if (!format.TryDecode(_buffer.AsSpan(_start, _end - _start), out message, out var consumed)) return false;
            _start += consumed;
            return true;
        }
    }
}
