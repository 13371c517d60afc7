using Berth.Runtime.Seccomp;
using static Berth.UnitTests.Seccomp.Profiles;

namespace Berth.UnitTests.Seccomp;

public class ArchitectureTests
{
    private static Berth.Runtime.Seccomp.SockFilter[] Compile(string[]? architectures, params Berth.Oci.RuntimeSpec.LinuxSyscall[] rules)
    {
        var profile = Profile("SCMP_ACT_ALLOW", rules);
        profile.Architectures = architectures?.ToList();
        return SeccompCompiler.Compile(profile).Instructions;
    }

    [Fact]
    public void Compile_KillsSyscallsOfUnlistedAbis()
    {
        var program = Compile(["SCMP_ARCH_X86_64"], Rule("SCMP_ACT_ERRNO", "getcwd"));
        Assert.Equal(Verdicts.Errno(Verdicts.EPERM), BpfInterpreter.Run(program, Verdicts.ArchX86_64, 79));
        Assert.Equal(Verdicts.Allow, BpfInterpreter.Run(program, Verdicts.ArchX86_64, 63));
        Assert.Equal(Verdicts.KillThread, BpfInterpreter.Run(program, Verdicts.ArchI386, 183));
        Assert.Equal(Verdicts.KillThread, BpfInterpreter.Run(program, Verdicts.ArchI386, 3));
        Assert.Equal(Verdicts.KillThread, BpfInterpreter.Run(program, Verdicts.ArchAarch64, 17));
    }

    [Fact]
    public void Compile_AlwaysFiltersTheNativeAbi()
    {
        foreach (var architectures in new[] { null, [], ["SCMP_ARCH_AARCH64"], new[] { "SCMP_ARCH_X32" } })
        {
            var program = Compile(architectures, Rule("SCMP_ACT_ERRNO", "getcwd"));
            Assert.Equal(Verdicts.Errno(Verdicts.EPERM), BpfInterpreter.Run(program, Verdicts.ArchX86_64, 79));
            Assert.Equal(Verdicts.Allow, BpfInterpreter.Run(program, Verdicts.ArchX86_64, 63));
            Assert.Equal(Verdicts.KillThread, BpfInterpreter.Run(program, Verdicts.ArchAarch64, 17));
            Assert.Equal(Verdicts.KillThread, BpfInterpreter.Run(program, Verdicts.ArchI386, 183));
        }
    }

    [Fact]
    public void Compile_FiltersI386ByItsOwnNumbers()
    {
        var program = Compile(["SCMP_ARCH_X86_64", "SCMP_ARCH_X86"], Rule("SCMP_ACT_ERRNO", ["getcwd", "socketcall"]));
        Assert.Equal(Verdicts.Errno(Verdicts.EPERM), BpfInterpreter.Run(program, Verdicts.ArchI386, 183));
        Assert.Equal(Verdicts.Errno(Verdicts.EPERM), BpfInterpreter.Run(program, Verdicts.ArchI386, 102));
        Assert.Equal(Verdicts.Allow, BpfInterpreter.Run(program, Verdicts.ArchI386, 79)); // i386 79 is settimeofday
        Assert.Equal(Verdicts.Allow, BpfInterpreter.Run(program, Verdicts.ArchX86_64, 102)); // x86_64 102 is getuid
    }

    [Fact]
    public void Compile_KillsX32SyscallsWhenX32IsNotListed()
    {
        var program = Compile(["SCMP_ARCH_X86_64", "SCMP_ARCH_X86"], Rule("SCMP_ACT_ERRNO", "getcwd"));
        Assert.Equal(Verdicts.KillThread, BpfInterpreter.Run(program, Verdicts.ArchX86_64, Verdicts.X32Bit | 63));
        Assert.Equal(Verdicts.KillThread, BpfInterpreter.Run(program, Verdicts.ArchX86_64, Verdicts.X32Bit | 79));
        Assert.Equal(Verdicts.KillThread, BpfInterpreter.Run(program, Verdicts.ArchX86_64, 0xFFFF_FFFE));
    }

    [Fact]
    public void Compile_LetsTheTracerSkippedSyscallReachTheDefault()
    {
        var program = Compile(["SCMP_ARCH_X86_64"], Rule("SCMP_ACT_ERRNO", "getcwd"));
        Assert.Equal(Verdicts.Allow, BpfInterpreter.Run(program, Verdicts.ArchX86_64, uint.MaxValue));
    }

    [Fact]
    public void Compile_MatchesX32SyscallsByTheirX32NumbersOnly()
    {
        var program = Compile(["SCMP_ARCH_X86_64", "SCMP_ARCH_X32"], Rule("SCMP_ACT_ERRNO", ["rt_sigaction", "getcwd"]));
        Assert.Equal(Verdicts.Errno(Verdicts.EPERM), BpfInterpreter.Run(program, Verdicts.ArchX86_64, 13));
        Assert.Equal(Verdicts.Errno(Verdicts.EPERM), BpfInterpreter.Run(program, Verdicts.ArchX86_64, Verdicts.X32Bit | 512));
        Assert.Equal(Verdicts.Allow, BpfInterpreter.Run(program, Verdicts.ArchX86_64, Verdicts.X32Bit | 13));
        Assert.Equal(Verdicts.Errno(Verdicts.EPERM), BpfInterpreter.Run(program, Verdicts.ArchX86_64, Verdicts.X32Bit | 79));
        Assert.Equal(Verdicts.Allow, BpfInterpreter.Run(program, Verdicts.ArchX86_64, Verdicts.X32Bit | 63));
        Assert.Equal(Verdicts.KillThread, BpfInterpreter.Run(program, Verdicts.ArchI386, 183));
    }

    [Fact]
    public void Compile_NeverLetsAnX32SyscallMatchAnX86_64OnlyRule()
    {
        // uselib exists on x86_64 (134) but not on x32: x32's 134 must not be caught by the rule.
        var program = Compile(["SCMP_ARCH_X86_64", "SCMP_ARCH_X32"], Rule("SCMP_ACT_ERRNO", "uselib"));
        Assert.Equal(Verdicts.Errno(Verdicts.EPERM), BpfInterpreter.Run(program, Verdicts.ArchX86_64, 134));
        Assert.Equal(Verdicts.Allow, BpfInterpreter.Run(program, Verdicts.ArchX86_64, Verdicts.X32Bit | 134));
    }
}
