using System.Runtime.InteropServices;
using System.Text;
using Berth.Runtime.Interop;
using static Berth.Runtime.Interop.Libc.Cgroupfs;

namespace Berth.Runtime.Cgroups.Common;

/// <summary>
/// Access to cgroupfs files and directories with one read(2) or write(2) per value, as the kernel expects;
/// errors carry the errno. Tests derive from it to record writes or inject kernel errors over a fake tree.
/// </summary>
internal class CgroupFiles
{
    /// <summary>The real kernel interface.</summary>
    public static CgroupFiles Kernel { get; } = new();

    /// <summary>Reads a whole file; throws CgroupFileException (ENOENT included) when it cannot.</summary>
    public virtual unsafe string Read(string path)
    {
        int fd = open(path, O_RDONLY | O_CLOEXEC, 0);
        if (fd < 0)
            throw Failure($"read {path}", Marshal.GetLastPInvokeError());
        try
        {
            // cgroup files are small, but memory.stat and io.stat can pass a page; grow as needed.
            byte[] buffer = new byte[8192];
            int length = 0;
            while (true)
            {
                if (length == buffer.Length)
                    Array.Resize(ref buffer, buffer.Length * 2);
                nint count;
                fixed (byte* start = &buffer[length])
                    count = read(fd, start, buffer.Length - length);
                if (count < 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    if (errno == EINTR) continue;
                    throw Failure($"read {path}", errno);
                }
                if (count == 0) break;
                length += (int)count;
            }
            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        finally
        {
            Libc.close(fd);
        }
    }

    /// <summary>Writes a value with a single write(2); throws CgroupFileException naming file, value and errno.</summary>
    public virtual unsafe void Write(string path, string value)
    {
        int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC, 0);
        if (fd < 0)
            throw Failure($"write \"{value}\" to {path}", Marshal.GetLastPInvokeError());
        try
        {
            byte[] bytes = Encoding.UTF8.GetBytes(value);
            while (true)
            {
                nint written;
                fixed (byte* start = bytes)
                    written = write(fd, start, bytes.Length);
                if (written >= 0) return;
                int errno = Marshal.GetLastPInvokeError();
                if (errno != EINTR)
                    throw Failure($"write \"{value}\" to {path}", errno);
            }
        }
        finally
        {
            Libc.close(fd);
        }
    }

    /// <summary>Whether a file or directory exists.</summary>
    public virtual bool Exists(string path) => Path.Exists(path);

    /// <summary>Creates one directory; returns false when it already existed.</summary>
    public virtual bool CreateDirectory(string path)
    {
        if (mkdir(path, 0b111_101_101) == 0) return true;
        int errno = Marshal.GetLastPInvokeError();
        if (errno == EEXIST) return false;
        throw Failure($"create cgroup {path}", errno);
    }

    /// <summary>Removes one empty cgroup directory; returns the errno (0 on success).</summary>
    public virtual int RemoveDirectory(string path)
        => rmdir(path) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>The names of the sub-directories (child cgroups) of a directory.</summary>
    public virtual IEnumerable<string> ChildDirectories(string path)
    {
        try
        {
            return Directory.GetDirectories(path).Select(Path.GetFileName).OfType<string>().ToArray();
        }
        catch (DirectoryNotFoundException)
        {
            return [];
        }
    }

    /// <summary>The names of the files (not directories) in a directory.</summary>
    public virtual IEnumerable<string> FileNames(string path)
    {
        try
        {
            return Directory.GetFiles(path).Select(Path.GetFileName).OfType<string>().ToArray();
        }
        catch (DirectoryNotFoundException)
        {
            return [];
        }
    }

    /// <summary>Builds the error for a failed call: "write "5" to /sys/…/pids.max: invalid argument".</summary>
    public static CgroupFileException Failure(string what, int errno)
        => new($"{what}: {Marshal.GetPInvokeErrorMessage(errno).ToLowerInvariant()}", errno);
}
