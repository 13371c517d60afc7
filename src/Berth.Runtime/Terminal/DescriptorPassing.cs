using System.Text;
using Berth.Runtime.Processes;
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
        => DescriptorBatch.Send(socketFd, [fd], Encoding.UTF8.GetBytes(name), "console descriptor");

    /// <summary>Receives one descriptor sent with <see cref="Send"/> (close-on-exec).</summary>
    internal static int Receive(int socketFd)
    {
        Span<byte> name = stackalloc byte[4096];
        return DescriptorBatch.Receive(socketFd, name, "console descriptor") is { Fds: [var fd] } ? fd
            : throw new RuntimeException("console socket: no descriptor received");
    }
}
