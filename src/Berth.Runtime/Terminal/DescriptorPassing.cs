using System.Text;
using static Berth.Runtime.Interop.Libc;

namespace Berth.Runtime.Terminal;

/// <summary>Passes a file descriptor over a unix socket (SCM_RIGHTS), as runc does with a console socket: the
/// message's payload is the pty's name.</summary>
internal static unsafe class DescriptorPassing
{
    /// <summary>Connects to a unix stream socket at path; the descriptor is inheritable for the init.</summary>
    internal static int Connect(string path)
    {
        var fd = Check(socket(AF_UNIX, SOCK_STREAM, 0), "socket");
        var address = new SockAddrUnix { Family = AF_UNIX };
        var bytes = Encoding.UTF8.GetBytes(path);
        if (bytes.Length >= 108) throw new RuntimeException($"console socket path too long: {path}");
        for (var i = 0; i < bytes.Length; i++) address.Path[i] = bytes[i];
        if (connect(fd, &address, (uint)(2 + bytes.Length + 1)) != 0)
        {
            var e = Error($"connect to console socket {path}");
            close(fd);
            throw e;
        }
        return fd;
    }

    /// <summary>Sends fd with name as the message payload.</summary>
    internal static void Send(int socketFd, int fd, string name)
    {
        var payload = Encoding.UTF8.GetBytes(name);
        fixed (byte* p = payload)
        {
            var iov = new IoVec { Base = p, Length = (nuint)payload.Length };
            var control = new FdControlMessage { Length = (nuint)(16 + sizeof(int)), Level = SOL_SOCKET, Type = SCM_RIGHTS, Fd = fd };
            var header = new MsgHdr { Iov = &iov, IovLength = 1, Control = &control, ControlLength = (nuint)sizeof(FdControlMessage) };
            if (sendmsg(socketFd, &header, 0) < 0) throw Error("send console descriptor");
        }
    }

    /// <summary>Receives one descriptor sent with <see cref="Send"/>.</summary>
    internal static int Receive(int socketFd)
    {
        var buffer = stackalloc byte[4096];
        var iov = new IoVec { Base = buffer, Length = 4096 };
        var control = new FdControlMessage();
        var header = new MsgHdr { Iov = &iov, IovLength = 1, Control = &control, ControlLength = (nuint)sizeof(FdControlMessage) };
        if (recvmsg(socketFd, &header, 0) < 0) throw Error("receive console descriptor");
        if (control.Level != SOL_SOCKET || control.Type != SCM_RIGHTS)
            throw new RuntimeException("console socket: no descriptor received");
        return control.Fd;
    }
}
