using System.Runtime.InteropServices;
using static Berth.Runtime.Interop.Libc;

namespace Berth.Runtime.Terminal;

/// <summary>Relays this process's stdio to a container's pty master while the container runs in the
/// foreground: raw mode on our own terminal, window size kept in step.</summary>
internal sealed unsafe class TerminalRelay : IDisposable
{
    private readonly int _master;
    private readonly byte[]? _savedTermios;
    private readonly PosixSignalRegistration? _resize;
    private readonly Thread _output;

    private TerminalRelay(int master)
    {
        _master = master;
        if (isatty(0) == 1)
        {
            _savedTermios = new byte[TermiosBytes];
            fixed (byte* saved = _savedTermios)
            {
                var raw = stackalloc byte[TermiosBytes];
                if (tcgetattr(0, saved) == 0)
                {
                    Buffer.MemoryCopy(saved, raw, TermiosBytes, TermiosBytes);
                    cfmakeraw(raw);
                    tcsetattr(0, 0, raw);
                }
            }
            CopyWindowSize();
            _resize = PosixSignalRegistration.Create(PosixSignal.SIGWINCH, _ => CopyWindowSize());
        }
        new Thread(() => Pump(0, _master)) { IsBackground = true, Name = "tty-in" }.Start();
        _output = new Thread(() => Pump(_master, 1)) { IsBackground = true, Name = "tty-out" };
        _output.Start();
    }

    /// <summary>Starts relaying to and from master.</summary>
    internal static TerminalRelay Start(int master) => new(master);

    private void CopyWindowSize()
    {
        var size = stackalloc ushort[4];
        if (ioctl(0, TIOCGWINSZ, size) == 0) Pty.Resize(_master, size[0], size[1]);
    }

    private static void Pump(int from, int to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var n = ReadSome(from, buffer, "tty read");
                if (n == 0) return;
                WriteAll(to, buffer.AsSpan(0, n), "tty write");
            }
        }
        catch (RuntimeException) { /* EIO once the container side of the pty is gone */ }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _output.Join(TimeSpan.FromSeconds(2));
        _resize?.Dispose();
        if (_savedTermios != null)
            fixed (byte* saved = _savedTermios) tcsetattr(0, 0, saved);
        close(_master);
    }
}
