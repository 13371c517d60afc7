using System.Runtime.InteropServices;

namespace Berth.Runtime.Interop;

/// <summary>Raw libc entry points; each area of the runtime keeps its own calls in a Libc.&lt;Area&gt;.cs part.</summary>
internal static unsafe partial class Libc
{
    internal const string Name = "libc";

    /// <summary>Builds a RuntimeException from errno, naming what failed: "mount /proc: operation not permitted".</summary>
    internal static RuntimeException Error(string what) => Error(what, Marshal.GetLastPInvokeError());

    /// <summary>Builds a RuntimeException naming what failed and the given errno.</summary>
    internal static RuntimeException Error(string what, int errno)
        => new($"{what}: {Marshal.GetPInvokeErrorMessage(errno).ToLowerInvariant()}");

    /// <summary>Throws for a -1 return of a libc call; returns the result otherwise.</summary>
    internal static int Check(int result, string what) => result == -1 ? throw Error(what) : result;

    /// <summary>Throws for a -1 return of a libc call; returns the result otherwise.</summary>
    internal static long Check(long result, string what) => result == -1 ? throw Error(what) : result;

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int close(int fd);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);
}
