using Berth.Daemon.Api.Models;
using Berth.Daemon.Containers.Spec;
using Berth.Daemon.Containers.Spec.Seccomp;

namespace Berth.UnitTests.Daemon.Spec.Seccomp;

/// <summary>Docker-format profiles as clients send them: parsing, conditions, dockerd's errors, and the builder's choice.</summary>
public sealed class SeccompProfileResolverTests : SpecTestBase
{
    private static readonly SeccompPlatform Amd64 = new("amd64", "SCMP_ARCH_X86_64", new Version(6, 1));

    private const string Custom = """
        {
          "defaultAction": "SCMP_ACT_ALLOW",
          "Architectures": ["SCMP_ARCH_X86_64"],
          "syscalls": [
            { "name": "mkdir", "action": "SCMP_ACT_ERRNO", "errnoRet": 13 },
            { "names": ["chmod", "fchmod"], "action": "SCMP_ACT_ERRNO", "args": [ { "index": 1, "value": 511, "op": "SCMP_CMP_EQ" } ] },
            { "names": ["mount"], "action": "SCMP_ACT_ERRNO", "excludes": { "caps": ["CAP_SYS_ADMIN"] } },
            { "names": ["arch_prctl"], "action": "SCMP_ACT_ERRNO", "includes": { "arches": ["arm64"] } }
          ]
        }
        """;

    [Fact]
    public void Resolve_KeepsRulesWhoseConditionsHold()
    {
        var seccomp = SeccompProfileResolver.Resolve(SeccompProfileResolver.Parse(Custom), ["CAP_CHOWN"], Amd64);
        Assert.Equal("SCMP_ACT_ALLOW", seccomp.DefaultAction);
        Assert.Equal(["SCMP_ARCH_X86_64"], seccomp.Architectures!);
        Assert.Equal(["mkdir", "chmod fchmod", "mount"], seccomp.Syscalls!.Select(s => string.Join(' ', s.Names)));
        Assert.Equal(13u, seccomp.Syscalls![0].ErrnoRet);
        var arg = Assert.Single(seccomp.Syscalls[1].Args!);
        Assert.Equal((1u, 511ul, "SCMP_CMP_EQ"), (arg.Index, arg.Value, arg.Op));

        Assert.DoesNotContain(SeccompProfileResolver.Resolve(SeccompProfileResolver.Parse(Custom), ["CAP_SYS_ADMIN"], Amd64).Syscalls!,
            s => s.Names.Contains("mount"));
    }

    [Fact]
    public void Parse_BadJsonFailsAsDockerd()
        => Assert.StartsWith("Decoding seccomp profile failed: ", Assert.Throws<ContainerStartError>(() => SeccompProfileResolver.Parse("{nope")).Message);

    [Fact]
    public void Resolve_RefusesNameWithNames()
        => Assert.Equal("'name' and 'names' were specified in the seccomp profile, use either 'name' or 'names'",
            Assert.Throws<ContainerStartError>(() => SeccompProfileResolver.Resolve(
                SeccompProfileResolver.Parse("""{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"name":"a","names":["b"],"action":"SCMP_ACT_ERRNO"}]}"""), [], Amd64)).Message);

    [Fact]
    public void Resolve_RefusesArchitecturesWithArchMap()
        => Assert.Equal("'architectures' and 'archMap' were specified in the seccomp profile, use either 'architectures' or 'archMap'",
            Assert.Throws<ContainerStartError>(() => SeccompProfileResolver.Resolve(SeccompProfileResolver.Parse(
                """{"defaultAction":"SCMP_ACT_ALLOW","architectures":["SCMP_ARCH_X86"],"archMap":[{"architecture":"SCMP_ARCH_X86_64","subArchitectures":[]}]}"""), [], Amd64)).Message);

    [Fact]
    public void Builder_AppliesTheDefaultProfile()
    {
        var seccomp = F.Build().Linux!.Seccomp!;
        Assert.Equal(("SCMP_ACT_ERRNO", null), (seccomp.DefaultAction, seccomp.DefaultErrnoRet));
        Assert.Contains(seccomp.Syscalls!, s => s.Names.Contains("read") && s.Action == "SCMP_ACT_ALLOW");
        Assert.DoesNotContain(seccomp.Syscalls!, s => s.Names.Contains("mount") && s.Action == "SCMP_ACT_ALLOW");
    }

    [Fact]
    public void Builder_AddsCapabilityRulesForCapAdd()
        => Assert.Contains(F.Build(host: new HostConfig { CapAdd = ["SYS_ADMIN"] }).Linux!.Seccomp!.Syscalls!,
            s => s.Names.Contains("mount") && s.Action == "SCMP_ACT_ALLOW");

    [Fact]
    public void Builder_UnconfinedAndPrivilegedHaveNoFilter()
    {
        Assert.Null(F.Build(host: new HostConfig { SecurityOpt = ["seccomp=unconfined"] }).Linux!.Seccomp);
        Assert.Null(F.Build(host: new HostConfig { SecurityOpt = ["seccomp:unconfined"] }).Linux!.Seccomp);
        Assert.Null(F.Build(host: new HostConfig { Privileged = true }).Linux!.Seccomp);
    }

    [Fact]
    public void Builder_UsesTheProfileTheClientSent()
    {
        var seccomp = F.Build(host: new HostConfig { SecurityOpt = ["seccomp=" + Custom, "no-new-privileges:true"] });
        Assert.Equal("SCMP_ACT_ALLOW", seccomp.Linux!.Seccomp!.DefaultAction);
        Assert.True(seccomp.Process!.NoNewPrivileges);
    }
}
