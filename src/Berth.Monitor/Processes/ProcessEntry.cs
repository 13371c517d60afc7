using Berth.Monitor.Interop;
using Berth.Monitor.Output;
using Berth.Monitor.Protocol;
using Berth.Runtime.Terminal;

namespace Berth.Monitor.Processes;

/// <summary>One run of a process key (a container or an exec): its pid, stdin, terminal, output and exit. An entry
/// exists before its process starts when a client subscribed or attached stdin first.</summary>
internal sealed class ProcessEntry(string key, OutputPump pump)
{
    private readonly object _stdinGate = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _stdin = -1, _terminal = -1;

    internal string Key { get; } = key;
    internal ProcessOutput Output { get; } = new(pump);
    internal int Pid { get; private set; }
    internal ExitRecord? Exit { get; set; }

    /// <summary>Whether a start was attempted (successful or not); a new start needs a fresh entry then.</summary>
    internal bool Launched { get; set; }

    /// <summary>Completes when the process runs; faults when its start failed.</summary>
    internal Task Started => _started.Task;

    /// <summary>Whether the process runs or its output is still being delivered.</summary>
    internal bool Live => Launched && (Exit == null || !Output.Ended) && !Started.IsFaulted;

    /// <summary>Sets the descriptors stdin writes go to (a pipe or a dup of the pty master) and the terminal to resize.</summary>
    internal void UseStdio(int stdin, int terminal)
    {
        _stdin = stdin;
        _terminal = terminal;
    }

    /// <summary>The process runs as pid.</summary>
    internal void MarkStarted(int pid)
    {
        Pid = pid;
        _started.TrySetResult();
    }

    /// <summary>The start failed: stdin and subscribers waiting for the start hear it.</summary>
    internal void MarkFailed(Exception error)
    {
        CloseStdio();
        _started.TrySetException(error);
        Output.EndIfNoSources();
    }

    /// <summary>Writes to the process's stdin; false once it is closed or the process is gone.</summary>
    internal bool WriteStdin(ReadOnlySpan<byte> data)
    {
        lock (_stdinGate) return _stdin >= 0 && Descriptors.WriteAll(_stdin, data);
    }

    /// <summary>Closes the process's stdin (StdinOnce); a terminal stays open: closing it would hang the process up.</summary>
    internal void CloseStdin()
    {
        lock (_stdinGate)
        {
            if (_terminal >= 0) return;
            Descriptors.CloseQuietly(_stdin);
            _stdin = -1;
        }
    }

    /// <summary>Sets the terminal size; a no-op without a terminal.</summary>
    internal void Resize(int height, int width)
    {
        lock (_stdinGate)
            if (_terminal >= 0) Pty.Resize(_terminal, (ushort)height, (ushort)width);
    }

    /// <summary>The process exited: its stdin and terminal descriptors go.</summary>
    internal void CloseStdio()
    {
        lock (_stdinGate)
        {
            Descriptors.CloseQuietly(_stdin);
            _stdin = _terminal = -1;
        }
    }
}
