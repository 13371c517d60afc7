using System.Runtime.InteropServices;

namespace Berth.Cli.Streams;

/// <summary>Unbuffered streams over the process's descriptors 0, 1 and 2 with plain read(2)/write(2). Not
/// System.Console's streams: they re-apply .NET's own terminal settings on first use, undoing raw mode. Not FileStream:
/// on a regular file it writes at its own offset (pwrite), overwriting what the shell appends to the same file.</summary>
public static partial class StandardStreams
{
    private const int EINTR = 4;

    /// <summary>A stream over fd (0 reads; 1 and 2 write); disposing it leaves the descriptor open.</summary>
    public static Stream Open(int fd) => new DescriptorStream(fd);

    private sealed class DescriptorStream(int fd) : Stream
    {
        public override bool CanRead => fd == 0;
        public override bool CanWrite => fd != 0;
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override unsafe int Read(byte[] buffer, int offset, int count)
        {
            fixed (byte* p = buffer)
            {
                while (true)
                {
                    var n = read(fd, p + offset, (nint)count);
                    if (n >= 0) return (int)n;
                    if (Marshal.GetLastPInvokeError() != EINTR) throw new IOException($"read fd {fd}: errno {Marshal.GetLastPInvokeError()}");
                }
            }
        }

        public override unsafe void Write(byte[] buffer, int offset, int count)
        {
            fixed (byte* p = buffer)
            {
                while (count > 0)
                {
                    var n = write(fd, p + offset, (nint)count);
                    if (n < 0)
                    {
                        if (Marshal.GetLastPInvokeError() == EINTR) continue;
                        throw new IOException($"write fd {fd}: errno {Marshal.GetLastPInvokeError()}");
                    }
                    offset += (int)n;
                    count -= (int)n;
                }
            }
        }

        // Blocking calls on a pool thread: a terminal or pipe descriptor has no asynchronous mode to use.
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken token) =>
            Task.Run(() => Read(buffer, offset, count), token);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken token = default)
        {
            var array = new byte[buffer.Length];
            return new ValueTask<int>(Task.Run(() =>
            {
                var n = Read(array, 0, array.Length);
                array.AsSpan(0, n).CopyTo(buffer.Span);
                return n;
            }, token));
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken token = default)
        {
            Write(buffer.ToArray(), 0, buffer.Length);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken token)
        {
            Write(buffer, offset, count);
            return Task.CompletedTask;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial nint read(int fd, byte* buffer, nint count);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial nint write(int fd, byte* buffer, nint count);
}
