using System.Net.Sockets;
using Berth.Daemon.Configuration;

namespace Berth.Daemon.Hosting;

/// <summary>Unix socket housekeeping around Kestrel: the directory, stale sockets, and the socket's mode.</summary>
public static class UnixSockets
{
    /// <summary>Creates the socket's directory (0711 for /run/berth) and removes a socket left by a dead daemon;
    /// refuses when a live server still answers on it.</summary>
    public static void PrepareForListen(string path)
    {
        var dir = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(dir))
            Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        if (!File.Exists(path)) return;
        if (IsAnswering(path))
            throw new StartupError($"another daemon is listening on unix://{path}; stop it or choose another -H");
        File.Delete(path);
    }

    /// <summary>Makes the socket 0660 (root and its group only): access to it is root on this machine.</summary>
    public static void Restrict(string path)
        => File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);

    private static bool IsAnswering(string path)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
