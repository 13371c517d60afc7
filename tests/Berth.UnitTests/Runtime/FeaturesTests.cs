using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Cli.Commands;
using Berth.Runtime.Rootfs;
using Berth.Runtime.Seccomp;

namespace Berth.UnitTests.Runtime;

/// <summary>`features` must not promise more than the code accepts.</summary>
public sealed class FeaturesTests
{
    [Fact]
    public void EverySeccompActionOperatorArchAndFlagCompiles()
    {
        var f = FeaturesCommand.Describe().Linux.Seccomp;
        foreach (var action in f.Actions)
            SeccompCompiler.Compile(new LinuxSeccomp { DefaultAction = action, Architectures = ["SCMP_ARCH_X86_64"] });
        foreach (var op in f.Operators)
            SeccompCompiler.Compile(new LinuxSeccomp
            {
                DefaultAction = "SCMP_ACT_ALLOW",
                Syscalls = [new LinuxSyscall { Names = ["personality"], Action = "SCMP_ACT_ERRNO", Args = [new LinuxSeccompArg { Index = 0, Value = 8, Op = op }] }],
            });
        SeccompCompiler.Compile(new LinuxSeccomp { DefaultAction = "SCMP_ACT_ALLOW", Architectures = f.Archs, Flags = f.SupportedFlags });
    }

    [Fact]
    public void EveryMountOptionParses()
    {
        foreach (var option in FeaturesCommand.Describe().MountOptions)
            Assert.Equal("", MountOptions.Parse([option], "tmpfs").Data);
    }
}
