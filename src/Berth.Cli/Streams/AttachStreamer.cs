using Berth.Cli.Connection;

namespace Berth.Cli.Streams;

/// <summary>How an attached session ended.</summary>
public enum AttachEnd
{
    /// <summary>The container's output ended (it exited, or the daemon closed the stream).</summary>
    OutputEnded,

    /// <summary>The user typed the detach sequence.</summary>
    Detached,
}

/// <summary>Docker's hijacked IO streamer: output from the upgraded connection to stdout/stderr (raw with a tty,
/// demultiplexed without), stdin to the connection (through the detach-key matcher with a tty, the terminal in raw
/// mode), and the write side closed at end of input so the container sees EOF.</summary>
public sealed class AttachStreamer(HijackedConnection connection, bool tty, Stream? stdin, Stream stdout, Stream stderr, byte[] detachKeys)
{
    /// <summary>Streams until the output ends or the user detaches.</summary>
    public async Task<AttachEnd> RunAsync(CancellationToken token = default)
    {
        using var raw = tty && stdin != null ? Terminal.MakeRaw(0) : null;
        var output = Task.Run(() => CopyOutputAsync(token), token);
        if (stdin == null) { await output; return AttachEnd.OutputEnded; }
        var input = Task.Run(() => CopyInputAsync(token), token);
        var first = await Task.WhenAny(output, input);
        if (first == input && await input) return AttachEnd.Detached;
        // End of input: the output still runs until the container is done with it.
        await output;
        return AttachEnd.OutputEnded;
    }

    private async Task CopyOutputAsync(CancellationToken token)
    {
        try
        {
            if (tty)
            {
                var buffer = new byte[32 * 1024];
                int read;
                while ((read = await connection.Output.ReadAsync(buffer, token)) > 0)
                {
                    await stdout.WriteAsync(buffer.AsMemory(0, read), token);
                    await stdout.FlushAsync(token);
                }
            }
            else
            {
                await StdCopy.CopyAsync(connection.Output, stdout, stderr, token);
            }
        }
        // The daemon closing the connection abruptly ends the session like a clean end.
        catch (IOException) { }
    }

    /// <summary>Copies stdin; true when the detach sequence ended it.</summary>
    private async Task<bool> CopyInputAsync(CancellationToken token)
    {
        var matcher = tty ? new EscapeMatcher(detachKeys) : null;
        var buffer = new byte[32 * 1024];
        try
        {
            int read;
            while ((read = await stdin!.ReadAsync(buffer, token)) > 0)
            {
                if (matcher == null)
                {
                    await connection.Input.WriteAsync(buffer.AsMemory(0, read), token);
                    continue;
                }
                var (forward, detach) = matcher.Feed(buffer.AsSpan(0, read));
                if (forward.Length > 0) await connection.Input.WriteAsync(forward, token);
                if (detach) return true;
            }
        }
        catch (IOException) { return false; }
        connection.CloseWrite();
        return false;
    }
}
