using System.Runtime.InteropServices;

namespace Berth.Runtime.Interop;

internal static unsafe partial class Libc
{
    /// <summary>The bpf(2) system call and the parts of union bpf_attr the cgroup device filter uses.</summary>
    internal static class Bpf
    {
        internal const int BPF_PROG_LOAD = 5;
        internal const int BPF_PROG_ATTACH = 8;
        internal const int BPF_PROG_DETACH = 9;
        internal const int BPF_PROG_GET_FD_BY_ID = 13;
        internal const int BPF_PROG_QUERY = 16;

        internal const uint BPF_PROG_TYPE_CGROUP_DEVICE = 15;
        internal const uint BPF_CGROUP_DEVICE = 6;
        internal const uint BPF_F_ALLOW_MULTI = 1u << 1;
        internal const uint BPF_F_REPLACE = 1u << 2;

        /// <summary>bpf_attr as BPF_PROG_LOAD reads it (the fields up to expected_attach_type).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct ProgLoadAttr
        {
            internal uint ProgType;
            internal uint InsnCount;
            internal ulong Insns;
            internal ulong License;
            internal uint LogLevel;
            internal uint LogSize;
            internal ulong LogBuffer;
            internal uint KernVersion;
            internal uint ProgFlags;
            internal fixed byte ProgName[16];
            internal uint ProgIfIndex;
            internal uint ExpectedAttachType;
        }

        /// <summary>bpf_attr as BPF_PROG_ATTACH and BPF_PROG_DETACH read it.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct ProgAttachAttr
        {
            internal uint TargetFd;
            internal uint AttachBpfFd;
            internal uint AttachType;
            internal uint AttachFlags;
            internal uint ReplaceBpfFd;
        }

        /// <summary>bpf_attr as BPF_PROG_QUERY reads and fills it.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct ProgQueryAttr
        {
            internal uint TargetFd;
            internal uint AttachType;
            internal uint QueryFlags;
            internal uint AttachFlags;
            internal ulong ProgIds;
            internal uint ProgCount;
            private uint _padding;
            internal ulong ProgAttachFlags;
        }

        /// <summary>bpf_attr as BPF_PROG_GET_FD_BY_ID reads it.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct GetFdByIdAttr
        {
            internal uint Id;
            internal uint NextId;
            internal uint OpenFlags;
        }

        /// <summary>The bpf(2) system call number of the running architecture.</summary>
        private static long SyscallNumber => RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 321,
            Architecture.Arm64 or Architecture.RiscV64 or Architecture.LoongArch64 => 280,
            _ => throw new RuntimeException($"bpf(2) is not wired up for {RuntimeInformation.ProcessArchitecture}"),
        };

        /// <summary>Calls bpf(cmd, attr, size); returns the result or -1 with errno set.</summary>
        internal static int Call<TAttr>(int command, ref TAttr attr) where TAttr : unmanaged
        {
            fixed (TAttr* pointer = &attr)
                return (int)syscall(SyscallNumber, command, (long)pointer, sizeof(TAttr), 0, 0, 0);
        }
    }
}
