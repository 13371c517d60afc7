using System.Buffers.Binary;
using System.Text;
using static Berth.Runtime.Interop.Libc;

namespace Berth.Runtime.Processes;

/// <summary>The steps the runtime and the container's init announce to each other over their socket.</summary>
internal enum SyncMessage : byte
{
    /// <summary>Runtime → init: the request (JSON) describing what to set up.</summary>
    Request = 1,
    /// <summary>Runtime → init: cgroup joined (and id maps written); go on.</summary>
    Proceed = 2,
    /// <summary>Init → runtime: mounts done, root not yet pivoted; run prestart and createRuntime hooks.</summary>
    RunCreateHooks = 3,
    /// <summary>Runtime → init: those hooks ran.</summary>
    CreateHooksDone = 4,
    /// <summary>Init → runtime: set up and waiting for start (or, for exec, about to execve).</summary>
    Ready = 5,
    /// <summary>Init → runtime: set-up failed; the payload is the one-line message.</summary>
    Error = 6,
}

/// <summary>A framed, blocking message channel over one end of a socketpair: kind byte, int32 length, UTF-8 payload.
/// Raw reads and writes keep it free of .NET's socket engine, which would start threads.</summary>
internal sealed class SyncChannel(int fd) : IDisposable
{
    /// <summary>The socket descriptor.</summary>
    internal int Fd { get; private set; } = fd;

    /// <summary>Creates a connected pair: the runtime's end (close-on-exec) and the child's end (inheritable).</summary>
    internal static unsafe (SyncChannel Parent, int ChildFd) CreatePair()
    {
        int* fds = stackalloc int[2];
        Check(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), "socketpair");
        SetInheritable(fds[1], true);
        return (new SyncChannel(fds[0]), fds[1]);
    }

    /// <summary>Sends one message.</summary>
    internal void Send(SyncMessage kind, string payload = "")
    {
        var body = Encoding.UTF8.GetBytes(payload);
        var frame = new byte[5 + body.Length];
        frame[0] = (byte)kind;
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(1), body.Length);
        body.CopyTo(frame, 5);
        WriteAll(Fd, frame, "sync write");
    }

    /// <summary>Receives one message; null when the other side closed (for exec: a successful execve).</summary>
    internal (SyncMessage Kind, string Payload)? Receive()
    {
        Span<byte> header = stackalloc byte[5];
        if (!ReadExactly(Fd, header, "sync read")) return null;
        var length = BinaryPrimitives.ReadInt32LittleEndian(header[1..]);
        if (length < 0 || length > 16 << 20) throw new RuntimeException("sync: malformed message");
        var body = new byte[length];
        if (!ReadExactly(Fd, body, "sync read")) return null;
        return ((SyncMessage)header[0], Encoding.UTF8.GetString(body));
    }

    /// <summary>Receives a message and insists on its kind; an Error message becomes a RuntimeException.</summary>
    internal string Expect(SyncMessage kind)
    {
        var message = Receive() ?? throw new RuntimeException("container init exited unexpectedly");
        if (message.Kind == SyncMessage.Error) throw new RuntimeException(message.Payload);
        if (message.Kind != kind) throw new RuntimeException($"sync: expected {kind}, got {message.Kind}");
        return message.Payload;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Fd >= 0) close(Fd);
        Fd = -1;
    }
}
