using Berth.Daemon.Containers.Spec;
using Berth.Daemon.Containers.Spec.Seccomp;
using Berth.Runtime.Seccomp;
using Berth.Runtime.Seccomp.Syscalls;
using Berth.UnitTests.Seccomp;

namespace Berth.UnitTests.Daemon.Spec.Seccomp;

/// <summary>Berth's default profile, resolved for a container and compiled by the runtime, run through the BPF
/// interpreter: ordinary calls pass, what Docker's default blocks gets EPERM, capabilities open their calls.</summary>
public sealed class DefaultSeccompProfileTests
{
    private static readonly SeccompPlatform Amd64 = new("amd64", "SCMP_ARCH_X86_64", new Version(6, 1));
    private static readonly IReadOnlyList<string> DefaultCaps = CapabilityTweaks.Apply(null, null, false);
    private static readonly uint Eperm = Verdicts.Errno(Verdicts.EPERM);

    private static SockFilter[] Compile(IReadOnlyCollection<string> caps, SeccompPlatform? platform = null)
        => SeccompCompiler.Compile(SeccompProfileResolver.Resolve(DefaultSeccompProfile.Document, caps, platform ?? Amd64)).Instructions;

    private static readonly SockFilter[] Default = Compile(DefaultCaps);

    private static uint X86_64(SockFilter[] program, string name, params ulong[] args)
        => BpfInterpreter.Run(program, Verdicts.ArchX86_64, (uint)SyscallTable.X86_64(name), args);

    [Fact]
    public void Resolve_ExpandsTheArchMapForTheNativeArchitecture()
    {
        Assert.Equal(["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"],
            SeccompProfileResolver.Resolve(DefaultSeccompProfile.Document, DefaultCaps, Amd64).Architectures!);
        Assert.Equal(["SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"],
            SeccompProfileResolver.Resolve(DefaultSeccompProfile.Document, DefaultCaps, new SeccompPlatform("arm64", "SCMP_ARCH_AARCH64", new Version(6, 1))).Architectures!);
    }

    [Fact]
    public void Compile_FitsAndDeniesWithEpermByDefault()
    {
        BpfInterpreter.Verify(Default);
        Assert.Equal(Eperm, BpfInterpreter.Run(Default, Verdicts.ArchX86_64, 9999));
    }

    [Theory]
    [InlineData("read"), InlineData("write"), InlineData("openat"), InlineData("execve"), InlineData("mmap"), InlineData("futex")]
    [InlineData("wait4"), InlineData("rt_sigaction"), InlineData("socket"), InlineData("getdents64"), InlineData("clock_gettime")]
    [InlineData("arch_prctl"), InlineData("chroot"), InlineData("statx"), InlineData("ptrace")]
    public void AllowsOrdinaryCalls(string name) => Assert.Equal(Verdicts.Allow, X86_64(Default, name));

    [Theory]
    [InlineData("keyctl"), InlineData("add_key"), InlineData("request_key"), InlineData("kexec_load"), InlineData("kexec_file_load")]
    [InlineData("mount"), InlineData("umount2"), InlineData("unshare"), InlineData("setns"), InlineData("bpf"), InlineData("perf_event_open")]
    [InlineData("open_by_handle_at"), InlineData("name_to_handle_at"), InlineData("reboot"), InlineData("swapon"), InlineData("swapoff")]
    [InlineData("init_module"), InlineData("finit_module"), InlineData("delete_module"), InlineData("acct"), InlineData("settimeofday")]
    [InlineData("clock_settime"), InlineData("userfaultfd"), InlineData("io_uring_setup"), InlineData("pivot_root"), InlineData("iopl")]
    [InlineData("sethostname"), InlineData("syslog"), InlineData("vhangup"), InlineData("fsopen"), InlineData("move_mount"), InlineData("kcmp")]
    public void DeniesWhatDockerDenies(string name) => Assert.Equal(Eperm, X86_64(Default, name));

    [Fact]
    public void DeniesTheSameOnTheI386AndX32Abis()
    {
        Assert.Equal(Eperm, BpfInterpreter.Run(Default, Verdicts.ArchI386, (uint)SyscallTable.I386("keyctl")));
        Assert.Equal(Verdicts.Allow, BpfInterpreter.Run(Default, Verdicts.ArchI386, (uint)SyscallTable.I386("read")));
        Assert.Equal(Eperm, BpfInterpreter.Run(Default, Verdicts.ArchX86_64, (uint)SyscallTable.X32("unshare")));
        Assert.Equal(Verdicts.Allow, BpfInterpreter.Run(Default, Verdicts.ArchX86_64, (uint)SyscallTable.X32("read")));
    }

    [Fact]
    public void CloneIsAllowedOnlyWithoutNamespaceFlags()
    {
        const ulong threadFlags = 0x003D0F00, cloneNewUser = 0x10000000, cloneNewNet = 0x40000000;
        Assert.Equal(Verdicts.Allow, X86_64(Default, "clone", threadFlags));
        Assert.Equal(Verdicts.Allow, X86_64(Default, "clone", 17)); // fork: SIGCHLD only
        Assert.Equal(Eperm, X86_64(Default, "clone", 17 | cloneNewUser));
        Assert.Equal(Eperm, X86_64(Default, "clone", 17 | cloneNewNet));
        Assert.Equal(Verdicts.Errno(Verdicts.ENOSYS), X86_64(Default, "clone3"));
    }

    [Fact]
    public void PersonalityAllowsOnlyTheUsualDomains()
    {
        Assert.Equal(Verdicts.Allow, X86_64(Default, "personality", 0));
        Assert.Equal(Verdicts.Allow, X86_64(Default, "personality", 0xFFFF_FFFF));
        Assert.Equal(Eperm, X86_64(Default, "personality", 0x0040000)); // ADDR_NO_RANDOMIZE
    }

    [Fact]
    public void CapabilitiesOpenTheirSyscalls()
    {
        var admin = Compile([.. DefaultCaps, "CAP_SYS_ADMIN"]);
        Assert.Equal(Verdicts.Allow, X86_64(admin, "mount"));
        Assert.Equal(Verdicts.Allow, X86_64(admin, "unshare"));
        Assert.Equal(Verdicts.Allow, X86_64(admin, "clone", 0x10000000));
        Assert.Equal(Verdicts.Allow, X86_64(admin, "clone3"));
        Assert.Equal(Eperm, X86_64(admin, "keyctl"));

        var time = Compile([.. DefaultCaps, "CAP_SYS_TIME"]);
        Assert.Equal(Verdicts.Allow, X86_64(time, "settimeofday"));
        Assert.Equal(Eperm, X86_64(time, "mount"));
    }

    [Fact]
    public void DroppingChrootDeniesChroot() => Assert.Equal(Eperm, X86_64(Compile([.. DefaultCaps.Where(c => c != "CAP_SYS_CHROOT")]), "chroot"));

    [Fact]
    public void PtraceNeedsKernel48OrTheCapability()
    {
        var old = new SeccompPlatform("amd64", "SCMP_ARCH_X86_64", new Version(4, 4, 0));
        Assert.Equal(Eperm, X86_64(Compile(DefaultCaps, old), "ptrace"));
        Assert.Equal(Verdicts.Allow, X86_64(Compile([.. DefaultCaps, "CAP_SYS_PTRACE"], old), "ptrace"));
    }
}
