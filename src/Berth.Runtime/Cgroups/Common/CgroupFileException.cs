namespace Berth.Runtime.Cgroups.Common;

/// <summary>A failed read or write of a cgroup file, keeping the errno so callers can tolerate specific ones.</summary>
internal sealed class CgroupFileException : RuntimeException
{
    /// <summary>Creates the error; the message names the file, the value written (if any) and the errno text.</summary>
    public CgroupFileException(string message, int errno) : base(message) => Errno = errno;

    /// <summary>The errno the kernel returned.</summary>
    public int Errno { get; }
}
