using Berth.Oci.RuntimeSpec;
using Berth.Runtime;
using Berth.Runtime.Seccomp;
using static Berth.UnitTests.Seccomp.Profiles;

namespace Berth.UnitTests.Seccomp;

public class SeccompActionTests
{
    private const uint Getcwd = 79, Uname = 63;

    private static uint RunGetcwd(LinuxSeccomp profile)
        => BpfInterpreter.Run(SeccompCompiler.Compile(profile).Instructions, Verdicts.ArchX86_64, Getcwd);

    [Theory]
    [InlineData("SCMP_ACT_KILL", Verdicts.KillThread)]
    [InlineData("SCMP_ACT_KILL_THREAD", Verdicts.KillThread)]
    [InlineData("SCMP_ACT_KILL_PROCESS", Verdicts.KillProcess)]
    [InlineData("SCMP_ACT_TRAP", Verdicts.Trap)]
    [InlineData("SCMP_ACT_ERRNO", 0x00050000 | Verdicts.EPERM)]
    [InlineData("SCMP_ACT_TRACE", Verdicts.Trace | Verdicts.EPERM)]
    [InlineData("SCMP_ACT_LOG", Verdicts.Log)]
    public void Compile_MapsEachActionToItsVerdict(string action, uint verdict)
    {
        var profile = Profile("SCMP_ACT_ALLOW", Rule(action, "getcwd"));
        Assert.Equal(verdict, RunGetcwd(profile));
        Assert.Equal(Verdicts.Allow, BpfInterpreter.Run(SeccompCompiler.Compile(profile).Instructions, Verdicts.ArchX86_64, Uname));
    }

    [Fact]
    public void Compile_UsesErrnoRetForErrnoAndTrace()
    {
        var errno = Rule("SCMP_ACT_ERRNO", "getcwd");
        errno.ErrnoRet = Verdicts.ENOSYS;
        Assert.Equal(Verdicts.Errno(Verdicts.ENOSYS), RunGetcwd(Profile("SCMP_ACT_ALLOW", errno)));

        var trace = Rule("SCMP_ACT_TRACE", "getcwd");
        trace.ErrnoRet = 4242;
        Assert.Equal(Verdicts.Trace | 4242, RunGetcwd(Profile("SCMP_ACT_ALLOW", trace)));
    }

    [Fact]
    public void Compile_UsesDefaultErrnoRetForTheDefaultAction()
    {
        var profile = Profile("SCMP_ACT_ERRNO", Rule("SCMP_ACT_ALLOW", "uname"));
        Assert.Equal(Verdicts.Errno(Verdicts.EPERM), RunGetcwd(profile));
        profile.DefaultErrnoRet = Verdicts.ENOSYS;
        Assert.Equal(Verdicts.Errno(Verdicts.ENOSYS), RunGetcwd(profile));
    }

    [Fact]
    public void Compile_RejectsAnErrnoThatDoesNotFitSixteenBits()
    {
        var rule = Rule("SCMP_ACT_ERRNO", "getcwd");
        rule.ErrnoRet = 70000;
        var error = Assert.Throws<RuntimeException>(() => SeccompCompiler.Compile(Profile("SCMP_ACT_ALLOW", rule)));
        Assert.Contains("70000", error.Message);
    }

    [Fact]
    public void Compile_RejectsUnknownAction()
    {
        var error = Assert.Throws<RuntimeException>(() =>
            SeccompCompiler.Compile(Profile("SCMP_ACT_ALLOW", Rule("SCMP_ACT_EXPLODE", "getcwd"))));
        Assert.Contains("SCMP_ACT_EXPLODE", error.Message);
    }

    [Fact]
    public void Compile_RejectsUnknownDefaultAction()
    {
        var error = Assert.Throws<RuntimeException>(() => SeccompCompiler.Compile(Profile("SCMP_ACT_MAYBE")));
        Assert.Contains("SCMP_ACT_MAYBE", error.Message);
    }

    [Fact]
    public void Compile_RejectsUnknownActionEvenWhenItsSyscallsAreUnknown()
    {
        Assert.Throws<RuntimeException>(() =>
            SeccompCompiler.Compile(Profile("SCMP_ACT_ALLOW", Rule("SCMP_ACT_EXPLODE", "no_such_syscall"))));
    }

    [Fact]
    public void Compile_RejectsNotifyActionAndListenerPath()
    {
        var error = Assert.Throws<RuntimeException>(() =>
            SeccompCompiler.Compile(Profile("SCMP_ACT_ALLOW", Rule("SCMP_ACT_NOTIFY", "getcwd"))));
        Assert.Equal("seccomp notify is not supported", error.Message);

        var withListener = Profile("SCMP_ACT_ALLOW");
        withListener.ListenerPath = "/run/agent.sock";
        error = Assert.Throws<RuntimeException>(() => SeccompCompiler.Compile(withListener));
        Assert.Equal("seccomp notify is not supported", error.Message);
    }

    [Fact]
    public void Compile_RejectsUnknownOperator()
    {
        var error = Assert.Throws<RuntimeException>(() => SeccompCompiler.Compile(
            Profile("SCMP_ACT_ALLOW", Rule("SCMP_ACT_ERRNO", "getcwd", Arg(0, "SCMP_CMP_ROUGHLY", 1)))));
        Assert.Contains("SCMP_CMP_ROUGHLY", error.Message);
    }

    [Fact]
    public void Compile_RejectsArgumentIndexPastFive()
    {
        var error = Assert.Throws<RuntimeException>(() => SeccompCompiler.Compile(
            Profile("SCMP_ACT_ALLOW", Rule("SCMP_ACT_ERRNO", "getcwd", Arg(6, "SCMP_CMP_EQ", 1)))));
        Assert.Contains("6", error.Message);
    }

    [Fact]
    public void Compile_RejectsUnknownArchitecture()
    {
        var profile = Profile("SCMP_ACT_ALLOW");
        profile.Architectures = ["SCMP_ARCH_X86_64", "SCMP_ARCH_Z80"];
        var error = Assert.Throws<RuntimeException>(() => SeccompCompiler.Compile(profile));
        Assert.Contains("SCMP_ARCH_Z80", error.Message);
    }

    [Fact]
    public void Compile_ParsesFlagsAndRejectsUnknownOnes()
    {
        var profile = Profile("SCMP_ACT_ALLOW");
        profile.Flags = ["SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW", "SECCOMP_FILTER_FLAG_TSYNC"];
        Assert.Equal(SeccompFilterFlags.Log | SeccompFilterFlags.SpecAllow | SeccompFilterFlags.ThreadSync,
            SeccompCompiler.Compile(profile).Flags);
        Assert.Equal(1u | 2u | 4u, (uint)SeccompCompiler.Compile(profile).Flags);

        profile.Flags = ["SECCOMP_FILTER_FLAG_NEW_LISTENER"];
        var error = Assert.Throws<RuntimeException>(() => SeccompCompiler.Compile(profile));
        Assert.Contains("SECCOMP_FILTER_FLAG_NEW_LISTENER", error.Message);
    }

    [Fact]
    public void Compile_SkipsUnknownSyscallNames()
    {
        var profile = Profile("SCMP_ACT_ALLOW",
            Rule("SCMP_ACT_ERRNO", ["no_such_syscall", "getcwd"]),
            Rule("SCMP_ACT_KILL", ["another_missing_one"]),
            Rule("SCMP_ACT_KILL", Array.Empty<string>()));
        var program = SeccompCompiler.Compile(profile).Instructions;
        Assert.Equal(Verdicts.Errno(Verdicts.EPERM), BpfInterpreter.Run(program, Verdicts.ArchX86_64, Getcwd));
        Assert.Equal(Verdicts.Allow, BpfInterpreter.Run(program, Verdicts.ArchX86_64, Uname));
    }

    [Fact]
    public void Compile_AcceptsAProfileWithoutRules()
    {
        var profile = new LinuxSeccomp { DefaultAction = "SCMP_ACT_ERRNO" };
        var program = SeccompCompiler.Compile(profile).Instructions;
        Assert.Equal(Verdicts.Errno(Verdicts.EPERM), BpfInterpreter.Run(program, Verdicts.ArchX86_64, Getcwd));
    }

    [Fact]
    public unsafe void SockFilter_HasTheKernelLayout()
    {
        Assert.Equal(8, sizeof(SockFilter));
        var insn = new SockFilter(0x15, 1, 2, 0xdeadbeef);
        byte* bytes = (byte*)&insn;
        Assert.Equal(new byte[] { 0x15, 0x00, 1, 2, 0xef, 0xbe, 0xad, 0xde }, new ReadOnlySpan<byte>(bytes, 8).ToArray());
    }
}
