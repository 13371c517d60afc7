using static Berth.Runtime.Interop.Libc;

namespace Berth.Runtime.Processes;

/// <summary>Several descriptors in one SCM_RIGHTS message with a single tag byte (saying which ones they are): read with
/// a one-byte buffer, it cannot swallow any byte of the framed messages that follow it on the same stream socket.</summary>
internal static unsafe class DescriptorBatch
{
    /// <summary>The most descriptors one batch carries.</summary>
    internal const int Max = 8;

    private const int HeaderBytes = 16; // struct cmsghdr on 64-bit Linux: size_t len, int level, int type
    private const int ControlBytes = HeaderBytes + Max * sizeof(int);

    /// <summary>Sends fds (at most <see cref="Max"/>) in one message with tag.</summary>
    internal static void Send(int socketFd, ReadOnlySpan<int> fds, byte tag)
    {
        if (fds.Length is 0 or > Max) throw new ArgumentOutOfRangeException(nameof(fds));
        var control = stackalloc byte[ControlBytes];
        *(nuint*)control = (nuint)(HeaderBytes + fds.Length * sizeof(int));
        *(int*)(control + 8) = SOL_SOCKET;
        *(int*)(control + 12) = SCM_RIGHTS;
        for (var i = 0; i < fds.Length; i++) ((int*)(control + HeaderBytes))[i] = fds[i];
        var iov = new IoVec { Base = &tag, Length = 1 };
        // The control length is the space of the used part, rounded to 8 as CMSG_SPACE rounds it.
        var used = (HeaderBytes + fds.Length * sizeof(int) + 7) & ~7;
        var header = new MsgHdr { Iov = &iov, IovLength = 1, Control = control, ControlLength = (nuint)used };
        if (sendmsg(socketFd, &header, 0) < 0) throw Error("send descriptors");
    }

    /// <summary>Receives one batch and its tag; null when the other side closed the socket first.</summary>
    internal static (int[] Fds, byte Tag)? Receive(int socketFd)
    {
        var control = stackalloc byte[ControlBytes];
        byte tag = 0;
        var iov = new IoVec { Base = &tag, Length = 1 };
        var header = new MsgHdr { Iov = &iov, IovLength = 1, Control = control, ControlLength = ControlBytes };
        var n = recvmsg(socketFd, &header, MSG_CMSG_CLOEXEC);
        if (n < 0) throw Error("receive descriptors");
        if (n == 0) return null;
        var length = (int)*(nuint*)control;
        if (header.ControlLength < HeaderBytes || *(int*)(control + 8) != SOL_SOCKET || *(int*)(control + 12) != SCM_RIGHTS
            || length < HeaderBytes || length > ControlBytes)
            throw new RuntimeException("sync: expected a batch of descriptors");
        var fds = new int[(length - HeaderBytes) / sizeof(int)];
        for (var i = 0; i < fds.Length; i++) fds[i] = ((int*)(control + HeaderBytes))[i];
        return (fds, tag);
    }
}
