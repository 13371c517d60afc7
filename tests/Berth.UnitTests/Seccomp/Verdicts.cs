namespace Berth.UnitTests.Seccomp;

/// <summary>SECCOMP_RET_* values written out independently of the compiler, and the AUDIT_ARCH values of x86 ABIs.</summary>
internal static class Verdicts
{
    internal const uint KillProcess = 0x80000000, KillThread = 0, Trap = 0x00030000;
    internal const uint Trace = 0x7ff00000, Log = 0x7ffc0000, Allow = 0x7fff0000;

    internal static uint Errno(uint errno) => 0x00050000 | errno;

    internal const uint ArchX86_64 = 0xC000003E, ArchI386 = 0x40000003, ArchAarch64 = 0xC00000B7;
    internal const uint X32Bit = 0x40000000;

    internal const uint EPERM = 1, ENOSYS = 38;
}
