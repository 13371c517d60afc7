using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Berth.Monitor.Interop;
using static Berth.Monitor.Interop.Epoll;
using static Berth.Runtime.Interop.Libc;

namespace Berth.Monitor.Output;

/// <summary>Reads every process's output descriptors (pipes, pty masters) on one thread with epoll, so the monitor's
/// cost per container is a few descriptors and buffers, never a thread. Only this thread touches (and closes) a
/// source's descriptor; other threads post their requests to it.</summary>
internal sealed unsafe class OutputPump
{
    private const int ReadSize = 32 * 1024;
    private readonly int _epoll;
    private readonly int _wakeRead, _wakeWrite;
    private readonly ConcurrentQueue<Action> _posted = new();
    private readonly Dictionary<long, OutputSource> _sources = [];
    private readonly byte[] _buffer = new byte[ReadSize];
    private long _nextId = 1;

    internal OutputPump()
    {
        _epoll = Check(epoll_create1(EPOLL_CLOEXEC), "epoll_create1");
        (_wakeRead, _wakeWrite) = Descriptors.Pipe();
        Descriptors.SetNonBlocking(_wakeRead);
        Descriptors.SetNonBlocking(_wakeWrite);
        Register(_wakeRead, 0);
    }

    /// <summary>Starts the pump thread.</summary>
    internal void Start() => new Thread(Run) { IsBackground = true, Name = "output" }.Start();

    /// <summary>Reads fd (which the pump now owns and closes at its end) until EOF; onData runs on the pump thread.</summary>
    internal OutputSource Add(int fd, Action<ReadOnlySpan<byte>> onData, Action onEnd)
    {
        Descriptors.SetNonBlocking(fd);
        var source = new OutputSource(Interlocked.Increment(ref _nextId), fd, onData, onEnd);
        Post(() =>
        {
            _sources[source.Id] = source;
            Register(fd, source.Id);
        });
        return source;
    }

    /// <summary>Stops reading source until <see cref="Resume"/> (a subscriber is behind).</summary>
    internal void Pause(OutputSource source) => Post(() =>
    {
        if (source.Ended || source.Paused) return;
        source.Paused = true;
        epoll_ctl(_epoll, EPOLL_CTL_DEL, source.Fd, null);
    });

    /// <summary>Reads source again after <see cref="Pause"/>.</summary>
    internal void Resume(OutputSource source) => Post(() =>
    {
        if (source.Ended || !source.Paused) return;
        source.Paused = false;
        Register(source.Fd, source.Id);
    });

    /// <summary>Stops reading source for good (a grandchild holds the pipe after the process exited) and ends it.</summary>
    internal void Abandon(OutputSource source) => Post(() => End(source));

    private void Post(Action action)
    {
        _posted.Enqueue(action);
        byte one = 1;
        write(_wakeWrite, &one, 1);
    }

    private void Register(int fd, long id)
    {
        var ev = new Event { Events = EPOLLIN, Data = id };
        Check(epoll_ctl(_epoll, EPOLL_CTL_ADD, fd, &ev), "epoll_ctl");
    }

    private void Run()
    {
        var events = stackalloc Event[64];
        while (true)
        {
            var n = epoll_wait(_epoll, events, 64, -1);
            if (n < 0)
            {
                if (Marshal.GetLastPInvokeError() == EINTR) continue;
                throw Descriptors.Fail("epoll_wait");
            }
            for (var i = 0; i < n; i++)
            {
                if (events[i].Data == 0) { RunPosted(); continue; }
                if (_sources.TryGetValue(events[i].Data, out var source) && !source.Paused) Drain(source);
            }
        }
    }

    private void RunPosted()
    {
        fixed (byte* scratch = _buffer)
            while (read(_wakeRead, scratch, ReadSize) > 0) { }
        while (_posted.TryDequeue(out var action))
        {
            try { action(); }
            catch (Exception e) { Console.Error.WriteLine($"berth-monitor: output pump: {e.Message}"); }
        }
    }

    /// <summary>Reads what is there, a bounded number of times so one chatty process cannot starve the others.</summary>
    private void Drain(OutputSource source)
    {
        for (var round = 0; round < 8 && !source.Ended && !source.Paused; round++)
        {
            nint got;
            fixed (byte* p = _buffer) got = read(source.Fd, p, ReadSize);
            if (got > 0)
            {
                try { source.OnData(_buffer.AsSpan(0, (int)got)); }
                catch (Exception e) { Console.Error.WriteLine($"berth-monitor: output: {e.Message}"); }
                continue;
            }
            var errno = got < 0 ? Marshal.GetLastPInvokeError() : 0;
            if (got < 0 && errno == EINTR) continue;
            if (got < 0 && errno == EAGAIN) return;
            End(source); // EOF, or EIO from a pty master whose last slave closed
        }
    }

    private void End(OutputSource source)
    {
        if (source.Ended) return;
        source.Ended = true;
        _sources.Remove(source.Id);
        if (!source.Paused) epoll_ctl(_epoll, EPOLL_CTL_DEL, source.Fd, null);
        close(source.Fd);
        try { source.OnEnd(); }
        catch (Exception e) { Console.Error.WriteLine($"berth-monitor: output end: {e.Message}"); }
    }
}

/// <summary>One descriptor the pump reads; its state is touched only on the pump thread.</summary>
internal sealed class OutputSource(long id, int fd, Action<ReadOnlySpan<byte>> onData, Action onEnd)
{
    internal long Id { get; } = id;
    internal int Fd { get; } = fd;
    internal Action<ReadOnlySpan<byte>> OnData { get; } = onData;
    internal Action OnEnd { get; } = onEnd;
    internal bool Paused { get; set; }
    internal bool Ended { get; set; }
}
