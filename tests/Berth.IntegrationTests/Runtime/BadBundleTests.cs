using Berth.IntegrationTests.Support;
using Berth.Oci.RuntimeSpec;

namespace Berth.IntegrationTests.Runtime;

/// <summary>Acceptance 3: a bad bundle fails with one clear line and leaves no state, cgroup or mount behind.</summary>
public sealed class BadBundleTests
{
    private static void AssertFailsCleanly(TestBundle bundle, string expectedMessage)
    {
        using var session = new RuntimeSession();
        var result = session.Run("create", "--bundle", bundle.Dir, bundle.Id);
        Assert.True(result.ExitCode != 0, result.ToString());
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expectedMessage, line);
        Assert.False(Directory.Exists(session.StateDir(bundle.Id)), "state directory left behind");
        foreach (var hierarchy in new[] { "memory", "pids", "cpu", "freezer" })
            Assert.False(Directory.Exists($"/sys/fs/cgroup/{hierarchy}{bundle.CgroupPath}"), $"{hierarchy} cgroup left behind");
        Assert.DoesNotContain(bundle.Dir, File.ReadAllText("/proc/self/mountinfo"));
    }

    [Fact]
    public void Create_RefusesMissingRootfs()
    {
        using var bundle = new TestBundle("true");
        Directory.Delete(Path.Combine(bundle.Dir, "rootfs"), recursive: true);
        AssertFailsCleanly(bundle, "does not exist");
    }

    [Fact]
    public void Create_RefusesMalformedConfig()
    {
        using var bundle = new TestBundle("true");
        bundle.WriteRaw("{\"ociVersion\": \"1.0.2\", \"process\": {");
        AssertFailsCleanly(bundle, "config.json is not valid");
    }

    [Fact]
    public void Create_RefusesUnknownNamespaceType()
    {
        using var bundle = new TestBundle("true");
        bundle.Spec.Linux!.Namespaces!.Add(new LinuxNamespace { Type = "galaxy" });
        bundle.Write();
        AssertFailsCleanly(bundle, "unknown namespace type \"galaxy\"");
    }

    [Fact]
    public void Create_RefusesEmptyArgs()
    {
        using var bundle = new TestBundle();
        AssertFailsCleanly(bundle, "args must not be empty");
    }

    [Fact]
    public void Create_RefusesMountEscapingThroughSymlink()
    {
        using var bundle = new TestBundle("true");
        var outside = Path.Combine(Path.GetTempPath(), "berth-outside-" + bundle.Id);
        Directory.CreateDirectory(outside);
        try
        {
            // rootfs/escape -> ../../<outside>: a relative link that climbs out of the root filesystem.
            var relative = Path.GetRelativePath(Path.Combine(bundle.Dir, "rootfs"), outside);
            File.CreateSymbolicLink(Path.Combine(bundle.Dir, "rootfs", "escape"), relative);
            bundle.Spec.Mounts!.Add(new Mount { Destination = "/escape/data", Type = "tmpfs", Source = "tmpfs" });
            bundle.Write();
            AssertFailsCleanly(bundle, "escapes the container root");
            Assert.Empty(Directory.GetFileSystemEntries(outside));
        }
        finally { Directory.Delete(outside, recursive: true); }
    }

    [Fact]
    public void Create_FailsCleanlyWhenTheCommandDoesNotExist()
    {
        using var bundle = new TestBundle("no-such-program");
        AssertFailsCleanly(bundle, "exec: \"no-such-program\": executable file not found in $PATH");
    }
}
