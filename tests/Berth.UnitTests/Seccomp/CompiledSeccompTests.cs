using System.Text.Json;
using Berth.Oci.RuntimeSpec;
using Berth.Runtime;
using Berth.Runtime.Init;
using Berth.Runtime.Seccomp;
using static Berth.UnitTests.Seccomp.Profiles;

namespace Berth.UnitTests.Seccomp;

/// <summary>The filter the runtime compiles for its init: the init's spec loses the profile (the runtime's keeps it),
/// and the filter that crosses the init request's JSON is the compiler's, instruction for instruction.</summary>
public class CompiledSeccompTests
{
    private static Spec SpecWith(LinuxSeccomp? profile) => new()
    {
        Hostname = "h",
        Linux = new Linux { Seccomp = profile, MaskedPaths = ["/proc/kcore"] },
    };

    [Fact]
    public void Split_SendsTheCompiledFilterAndLeavesTheRuntimesSpecWhole()
    {
        var profile = Profile("SCMP_ACT_ERRNO", Rule("SCMP_ACT_ALLOW", ["read", "write", "exit_group"]));
        var spec = SpecWith(profile);

        var (initSpec, compiled) = CompiledSeccomp.Split(spec);

        Assert.Same(profile, spec.Linux!.Seccomp);
        Assert.Null(initSpec.Linux!.Seccomp);
        Assert.Equal(["/proc/kcore"], initSpec.Linux.MaskedPaths!);
        Assert.Equal("h", initSpec.Hostname);
        var request = new InitRequest { Spec = initSpec, Seccomp = compiled };
        var back = JsonSerializer.Deserialize(JsonSerializer.Serialize(request, RuntimeJsonContext.Default.InitRequest),
            RuntimeJsonContext.Default.InitRequest)!;
        var expected = SeccompCompiler.Compile(profile);
        var program = back.Seccomp!.ToProgram();
        Assert.Equal(expected.Instructions, program.Instructions);
        Assert.Equal(expected.Flags, program.Flags);
        Assert.Null(back.Spec.Linux!.Seccomp);
    }

    [Fact]
    public void Split_OfASpecWithoutAProfile_SendsNoFilter()
    {
        var spec = SpecWith(null);
        var (initSpec, compiled) = CompiledSeccomp.Split(spec);
        Assert.Same(spec, initSpec);
        Assert.Null(compiled);
    }

    [Fact]
    public void Split_RejectsAProfileThatDoesNotCompile()
    {
        var spec = SpecWith(Profile("SCMP_ACT_NO_SUCH_ACTION"));
        Assert.Throws<RuntimeException>(() => CompiledSeccomp.Split(spec));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    public void ToProgram_RefusesAFilterThatIsNotWholeInstructions(int length)
    {
        var compiled = new CompiledSeccomp { Filter = new byte[length] };
        var e = Assert.Throws<RuntimeException>(() => compiled.ToProgram());
        Assert.Contains("malformed seccomp filter", e.Message);
    }
}
