namespace Berth.Storage.Interop;

/// <summary>A regular file being created, held by its raw descriptor: its data, owner, attributes, mode and times are
/// set through the descriptor, without FileStream's advisory locks, seeks and stats or a path lookup per call.</summary>
internal sealed unsafe class NewFile : IDisposable
{
    private readonly string _path;
    private int _fd;

    /// <summary>Creates path exclusively (O_EXCL|O_NOFOLLOW: never through a symlink, never over an existing file).</summary>
    internal NewFile(string path)
    {
        _path = path;
        _fd = Libc.open(path, Libc.O_WRONLY | Libc.O_CREAT | Libc.O_EXCL | Libc.O_NOFOLLOW | Libc.O_CLOEXEC, 0x180);
        if (_fd < 0) throw Fs.Fail("open", path, Libc.Errno);
    }

    /// <summary>Copies source to the end of the file through buffer.</summary>
    internal void CopyFrom(Stream source, byte[] buffer)
    {
        int n;
        while ((n = source.Read(buffer)) > 0)
        {
            fixed (byte* p = buffer)
            {
                for (var done = 0; done < n;)
                {
                    var written = Libc.write(_fd, p + done, (nuint)(n - done));
                    if (written < 0)
                    {
                        if (Libc.Errno == Libc.EINTR) continue;
                        throw Fs.Fail("write", _path, Libc.Errno);
                    }
                    done += (int)written;
                }
            }
        }
    }

    internal void Chown(int uid, int gid) => Fs.Check(Libc.fchown(_fd, uid, gid), "chown", _path);

    internal void Chmod(uint mode) => Fs.Check(Libc.fchmod(_fd, mode), "chmod", _path);

    internal void SetXattr(string name, ReadOnlySpan<byte> value)
    {
        fixed (byte* p = value)
            Fs.Check(Libc.fsetxattr(_fd, name, p, (nuint)value.Length, 0), $"setxattr {name}", _path);
    }

    /// <summary>Sets atime and mtime.</summary>
    internal void SetTimes(DateTimeOffset atime, DateTimeOffset mtime)
    {
        var times = stackalloc Libc.Timespec[2];
        times[0] = Fs.ToTimespec(atime);
        times[1] = Fs.ToTimespec(mtime);
        Fs.Check(Libc.futimens(_fd, times), "futimens", _path);
    }

    /// <summary>Closes the descriptor; a failed close of a written file is an error worth reporting.</summary>
    public void Dispose()
    {
        if (_fd < 0) return;
        var fd = _fd;
        _fd = -1;
        Fs.Check(Libc.close(fd), "close", _path);
    }
}
