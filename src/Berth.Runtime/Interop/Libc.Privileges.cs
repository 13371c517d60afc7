using System.Runtime.InteropServices;

namespace Berth.Runtime.Interop;

internal static unsafe partial class Libc
{
    /// <summary>libc calls and kernel structures behind Berth.Runtime.Privileges, nested so that generic names
    /// (open, write) cannot clash with other areas' part files.</summary>
    internal static unsafe partial class PrivilegeCalls
    {
        internal const int O_WRONLY = 0x1;
        internal const int O_CLOEXEC = 0x80000;

        internal const int PR_GET_KEEPCAPS = 7;
        internal const int PR_SET_KEEPCAPS = 8;
        internal const int PR_CAPBSET_READ = 23;
        internal const int PR_CAPBSET_DROP = 24;
        internal const int PR_SET_NO_NEW_PRIVS = 38;
        internal const int PR_GET_NO_NEW_PRIVS = 39;
        internal const int PR_CAP_AMBIENT = 47;
        internal const int PR_CAP_AMBIENT_IS_SET = 1;
        internal const int PR_CAP_AMBIENT_RAISE = 2;
        internal const int PR_CAP_AMBIENT_CLEAR_ALL = 4;

        internal const uint LINUX_CAPABILITY_VERSION_3 = 0x20080522;
        internal const int IOPRIO_WHO_PROCESS = 1;

        [LibraryImport(Name, SetLastError = true)]
        internal static partial int prlimit(int pid, int resource, RlimitPair* newLimit, RlimitPair* oldLimit);

        [LibraryImport(Name, SetLastError = true)]
        internal static partial int personality(nuint persona);

        [LibraryImport(Name)]
        internal static partial uint umask(uint mask);

        [LibraryImport(Name)]
        internal static partial int gettid();

        [LibraryImport(Name, SetLastError = true)]
        internal static partial int open(byte* path, int flags, int mode);

        [LibraryImport(Name, SetLastError = true)]
        internal static partial nint write(int fd, byte* buffer, nuint count);

        /// <summary>struct rlimit on 64-bit Linux: the soft (current) and hard (maximum) value.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct RlimitPair
        {
            internal ulong Soft;
            internal ulong Hard;
        }

        /// <summary>struct __user_cap_header_struct: version and target thread (0 = the calling thread).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct CapHeader
        {
            internal uint Version;
            internal int Pid;
        }

        /// <summary>struct __user_cap_data_struct: one 32-bit half of the three sets; version 3 takes two.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct CapData
        {
            internal uint Effective;
            internal uint Permitted;
            internal uint Inheritable;
        }

        /// <summary>struct sched_attr, first published layout (SCHED_ATTR_SIZE_VER0, 48 bytes).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct SchedAttr
        {
            internal uint Size;
            internal uint Policy;
            internal ulong Flags;
            internal int Nice;
            internal uint Priority;
            internal ulong Runtime;
            internal ulong Deadline;
            internal ulong Period;
        }

        /// <summary>Syscall numbers for the calls glibc either lacks or wraps process-wide (setresuid & co.).</summary>
        internal static class Sys
        {
            internal static long SetGroups => Number(116, 159);
            internal static long SetResUid => Number(117, 147);
            internal static long SetResGid => Number(119, 149);
            internal static long CapGet => Number(125, 90);
            internal static long CapSet => Number(126, 91);
            internal static long IoprioSet => Number(251, 30);
            internal static long IoprioGet => Number(252, 31);
            internal static long SchedSetAttr => Number(314, 274);

            private static long Number(long x64, long arm64) => RuntimeInformation.ProcessArchitecture switch
            {
                Architecture.X64 => x64,
                Architecture.Arm64 => arm64,
                var other => throw new RuntimeException($"privileges: no syscall table for architecture {other}"),
            };
        }
    }
}
