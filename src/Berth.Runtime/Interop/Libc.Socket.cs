using System.Runtime.InteropServices;

namespace Berth.Runtime.Interop;

internal static unsafe partial class Libc
{
    internal const int AF_UNIX = 1, SOCK_STREAM = 1, SOCK_CLOEXEC = 0x80000, SOL_SOCKET = 1, SCM_RIGHTS = 1, MSG_CMSG_CLOEXEC = 0x40000000;

    /// <summary>struct iovec.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct IoVec { public void* Base; public nuint Length; }

    /// <summary>struct msghdr.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct MsgHdr
    {
        public void* Name; public uint NameLength; public IoVec* Iov; public nuint IovLength;
        public void* Control; public nuint ControlLength; public int Flags;
    }

    /// <summary>struct sockaddr_un.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct SockAddrUnix { public ushort Family; public fixed byte Path[108]; }

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int socket(int domain, int type, int protocol);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int socketpair(int domain, int type, int protocol, int* fds);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int connect(int fd, SockAddrUnix* address, uint length);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial nint sendmsg(int fd, MsgHdr* message, int flags);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial nint recvmsg(int fd, MsgHdr* message, int flags);
}
