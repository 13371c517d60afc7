using Berth.IntegrationTests.Support;
using Berth.Oci.RuntimeSpec;

namespace Berth.IntegrationTests.Runtime;

/// <summary>A container in its own user namespace: root inside is an unprivileged id range outside.</summary>
public sealed class UserNamespaceTests
{
    private const uint HostBase = 100000;

    private static TestBundle RemappedBundle(params string[] args)
    {
        var bundle = new TestBundle(args);
        // As with Docker's userns-remap, the image belongs to the mapped root.
        var chown = Command.Run("chown", ["-R", $"{HostBase}:{HostBase}", Path.Combine(bundle.Dir, "rootfs")]);
        Assert.True(chown.ExitCode == 0, chown.ToString());
        var linux = bundle.Spec.Linux!;
        linux.Namespaces!.Add(new LinuxNamespace { Type = "user" });
        linux.UidMappings = [new IdMapping { ContainerId = 0, HostId = HostBase, Size = 65536 }];
        linux.GidMappings = [new IdMapping { ContainerId = 0, HostId = HostBase, Size = 65536 }];
        bundle.Write();
        return bundle;
    }

    [Fact]
    public void Run_MapsRootToTheConfiguredHostRange()
    {
        using var session = new RuntimeSession();
        using var bundle = RemappedBundle("/bin/sh", "-c",
            "id -u; cat /proc/self/uid_map /proc/self/gid_map; echo x > /dev/null && echo devnull-ok; hostname; touch /tmp/made; cat /etc/alpine-release");
        var result = session.Run("run", "--bundle", bundle.Dir, bundle.Id);
        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToArray();
        Assert.Equal(["0", $"0 {HostBase} 65536", $"0 {HostBase} 65536", "devnull-ok", bundle.Spec.Hostname!, "3.20.3"], lines);
        var made = new FileInfo(Path.Combine(bundle.Dir, "rootfs", "tmp", "made"));
        Assert.True(made.Exists);
        Assert.Equal($"{HostBase}:{HostBase}", Command.Run("stat", ["-c", "%u:%g", made.FullName]).Stdout.Trim());
    }

    [Fact]
    public void Exec_EntersTheContainersUserNamespace()
    {
        using var session = new RuntimeSession();
        using var bundle = RemappedBundle("sleep", "60");
        var run = session.Run("run", "-d", "--bundle", bundle.Dir, bundle.Id);
        Assert.True(run.ExitCode == 0, run.ToString());
        var exec = session.Run("exec", bundle.Id, "/bin/sh", "-c", "id -u; cat /proc/self/uid_map; echo $$");
        Assert.True(exec.ExitCode == 0, exec.ToString());
        var lines = exec.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).ToArray();
        Assert.Equal("0", lines[0]);
        Assert.StartsWith("0", lines[1]);
        Assert.Contains($"{HostBase}", lines[1]);
        Assert.NotEqual("1", lines[2]);
        Assert.Equal(0, session.Run("delete", "--force", bundle.Id).ExitCode);
    }

    [Fact]
    public void Create_RefusesAUserNamespaceWithoutMappings()
    {
        using var session = new RuntimeSession();
        using var bundle = new TestBundle("true");
        bundle.Spec.Linux!.Namespaces!.Add(new LinuxNamespace { Type = "user" });
        bundle.Write();
        var result = session.Run("create", "--bundle", bundle.Dir, bundle.Id);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains("uidMappings and gidMappings", result.Stderr);
        Assert.False(Directory.Exists(session.StateDir(bundle.Id)));
    }
}
