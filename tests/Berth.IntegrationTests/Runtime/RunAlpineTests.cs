using Berth.IntegrationTests.Support;
using Berth.Oci.RuntimeSpec;

namespace Berth.IntegrationTests.Runtime;

/// <summary>Acceptance 1: a bundle of the official Alpine rootfs runs, isolated as its config says.</summary>
public sealed class RunAlpineTests
{
    private const string Probe = """
        cat /etc/alpine-release
        echo "pid=$$"
        echo "hostname=$(hostname)"
        echo "id=$(id)"
        grep CapEff /proc/self/status
        grep 'Max open files' /proc/self/limits | tr -s ' '
        cat /proc/self/cgroup | sed 's/^/cgroup:/'
        awk '{print "mount:" $5}' /proc/self/mountinfo
        """;

    [Fact]
    public void Run_PrintsAlpineRelease()
    {
        using var session = new RuntimeSession();
        using var bundle = new TestBundle("cat", "/etc/alpine-release");
        var result = session.Run("run", "--bundle", bundle.Dir, bundle.Id);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("3.20.3\n", result.Stdout);
        Assert.False(Directory.Exists(session.StateDir(bundle.Id)), "run leaves no state behind once the container exits");
    }

    [Fact]
    public void Run_IsolatesAsConfigured()
    {
        using var session = new RuntimeSession();
        using var bundle = new TestBundle("/bin/sh", "-c", Probe);
        var result = session.Run("run", "--bundle", bundle.Dir, bundle.Id);
        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("3.20.3", lines[0]);
        Assert.Contains("pid=1", lines);
        Assert.Contains($"hostname={bundle.Spec.Hostname}", lines);
        Assert.Contains(lines, l => l.StartsWith("id=uid=0(root) gid=0(root)"));
        // Docker's default capability set is the well-known mask a80425fb.
        Assert.Contains("CapEff:\t00000000a80425fb", lines);
        Assert.Contains(lines, l => l.StartsWith("Max open files 1024 4096 files"));
        Assert.Contains(lines, l => l.StartsWith("cgroup:") && l.Contains(":memory:") && l.EndsWith(bundle.CgroupPath));

        var mounts = lines.Where(l => l.StartsWith("mount:")).Select(l => l[6..]).ToList();
        var configured = bundle.Spec.Mounts!.Select(m => m.Destination).Append("/").ToList();
        foreach (var destination in configured) Assert.Contains(destination, mounts);
        var allowed = configured.Concat(bundle.Spec.Linux!.MaskedPaths!).Concat(bundle.Spec.Linux.ReadonlyPaths!).ToHashSet();
        var unexpected = mounts.Where(m => !allowed.Contains(m) && !m.StartsWith("/sys/fs/cgroup/")).ToList();
        Assert.True(unexpected.Count == 0, "unexpected mounts: " + string.Join(", ", unexpected));
        Assert.DoesNotContain(mounts, m => m.StartsWith(bundle.Dir));
    }

    [Fact]
    public void Run_SwitchesToConfiguredUserAndGroups()
    {
        using var session = new RuntimeSession();
        using var bundle = new TestBundle("/bin/sh", "-c", "id; grep CapEff /proc/self/status; touch /root/x 2>&1 || true");
        bundle.Spec.Process!.User = new User { Uid = 1000, Gid = 1000, AdditionalGids = [10] };
        bundle.Write();
        var result = session.Run("run", "--bundle", bundle.Dir, bundle.Id);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("uid=1000 gid=1000 groups=10(wheel)", result.Stdout);
        Assert.Contains("CapEff:\t0000000000000000", result.Stdout);
        Assert.Contains("Permission denied", result.Stdout);
    }

    [Fact]
    public async Task Run_ReturnsTheContainersExitStatus()
    {
        using var session = new RuntimeSession();
        using var bundle = new TestBundle("/bin/sh", "-c", "exit 42");
        Assert.Equal(42, session.Run("run", "--bundle", bundle.Dir, bundle.Id).ExitCode);
        // PID 1 of a namespace ignores signals it has no handler for when they come from inside, so the kill
        // comes from the runtime, as `docker kill` does.
        using var killed = new TestBundle("sleep", "60");
        var run = Task.Run(() => session.Run("run", "--bundle", killed.Dir, killed.Id));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!session.Run("state", killed.Id).Stdout.Contains("\"running\""))
        {
            Assert.True(DateTime.UtcNow < deadline, "container did not start");
            await Task.Delay(20);
        }
        Assert.Equal(0, session.Run("kill", killed.Id, "KILL").ExitCode);
        Assert.Equal(137, (await run).ExitCode);
    }

    [Fact]
    public void Run_ReadonlyRootRefusesWrites()
    {
        using var session = new RuntimeSession();
        using var bundle = new TestBundle("/bin/sh", "-c", "touch /x 2>&1; echo done");
        bundle.Spec.Root!.Readonly = true;
        bundle.Write();
        var result = session.Run("run", "--bundle", bundle.Dir, bundle.Id);
        Assert.Contains("Read-only file system", result.Stdout);
        Assert.False(File.Exists(Path.Combine(bundle.Dir, "rootfs", "x")));
    }
}
