using static Berth.Runtime.Interop.Libc;

namespace Berth.Runtime.Processes;

/// <summary>Descriptors passed over a unix stream socket in one SCM_RIGHTS message with a small payload: a console
/// socket's pty name, or a standby init's single tag byte (read with a one-byte buffer, it cannot swallow any byte of
/// the framed messages that follow on the same socket). Received descriptors are close-on-exec, so that no later
/// child of the receiver takes them along.</summary>
internal static unsafe class DescriptorBatch
{
    /// <summary>The most descriptors one batch carries.</summary>
    internal const int Max = 8;

    private const int HeaderBytes = 16; // struct cmsghdr on 64-bit Linux: size_t len, int level, int type
    private const int ControlBytes = HeaderBytes + Max * sizeof(int);

    /// <summary>Sends fds (1 to <see cref="Max"/>) with payload (at least one byte: a stream socket carries ancillary
    /// data only with data); what names the descriptors in an error.</summary>
    internal static void Send(int socketFd, ReadOnlySpan<int> fds, ReadOnlySpan<byte> payload, string what)
    {
        if (fds.Length is 0 or > Max || payload.IsEmpty) throw new ArgumentOutOfRangeException(nameof(fds));
        var control = stackalloc byte[ControlBytes];
        *(nuint*)control = (nuint)(HeaderBytes + fds.Length * sizeof(int));
        *(int*)(control + 8) = SOL_SOCKET;
        *(int*)(control + 12) = SCM_RIGHTS;
        for (var i = 0; i < fds.Length; i++) ((int*)(control + HeaderBytes))[i] = fds[i];
        fixed (byte* data = payload)
        {
            var iov = new IoVec { Base = data, Length = (nuint)payload.Length };
            // The control length is the space of the used part, rounded to 8 as CMSG_SPACE rounds it.
            var used = (HeaderBytes + fds.Length * sizeof(int) + 7) & ~7;
            var header = new MsgHdr { Iov = &iov, IovLength = 1, Control = control, ControlLength = (nuint)used };
            if (sendmsg(socketFd, &header, 0) < 0) throw Error($"send {what}");
        }
    }

    /// <summary>Receives one message into payload: its descriptors (none when it carried none) and how many payload
    /// bytes came; null when the other side closed the socket first.</summary>
    internal static (int[] Fds, int Length)? Receive(int socketFd, Span<byte> payload, string what)
    {
        var control = stackalloc byte[ControlBytes];
        fixed (byte* data = payload)
        {
            var iov = new IoVec { Base = data, Length = (nuint)payload.Length };
            var header = new MsgHdr { Iov = &iov, IovLength = 1, Control = control, ControlLength = ControlBytes };
            var n = recvmsg(socketFd, &header, MSG_CMSG_CLOEXEC);
            if (n < 0) throw Error($"receive {what}");
            if (n == 0) return null;
            var length = (int)*(nuint*)control;
            if (header.ControlLength < HeaderBytes || *(int*)(control + 8) != SOL_SOCKET || *(int*)(control + 12) != SCM_RIGHTS
                || length < HeaderBytes || length > ControlBytes)
                return ([], (int)n);
            var fds = new int[(length - HeaderBytes) / sizeof(int)];
            for (var i = 0; i < fds.Length; i++) fds[i] = ((int*)(control + HeaderBytes))[i];
            return (fds, (int)n);
        }
    }
}
