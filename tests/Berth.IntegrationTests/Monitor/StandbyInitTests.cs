using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Monitor;

/// <summary>berth-monitor keeps an init waiting in new namespaces and hands it the next container that fits: the
/// container behaves as with an init spawned for it, and one that does not fit gets a fresh init.</summary>
public sealed class StandbyInitTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>The monitor's children that wait as standby inits.</summary>
    private static int[] Standbys(int monitorPid)
    {
        var found = new List<int>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText($"{dir}/stat");
                var ppid = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
                if (ppid == monitorPid && File.ReadAllText($"{dir}/environ").Split('\0').Contains("_BERTH_STANDBY=1")) found.Add(pid);
            }
            catch (IOException) { /* it ended meanwhile */ }
        }
        return [.. found];
    }

    /// <summary>Waits until exactly one standby other than previous waits, and returns it.</summary>
    private static async Task<int> WaitForStandbyAsync(int monitorPid, int previous = 0)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Standbys(monitorPid) is [var pid] && pid != previous) return pid;
            await Task.Delay(50);
        }
        throw new TimeoutException($"no standby init of monitor {monitorPid} (other than {previous})");
    }

    private static async Task<(int Pid, string Stdout, string Stderr, int ExitCode)> RunAsync(MonitorSession monitor, TestBundle bundle, bool tty = false)
    {
        await using var subscription = await monitor.Client.SubscribeAsync(bundle.Id, CancellationToken.None);
        var pid = await monitor.Client.StartContainerAsync(monitor.Launch(bundle, tty), CancellationToken.None);
        var (stdout, stderr) = await MonitorSession.DrainAsync(subscription, Timeout);
        return (pid, stdout, stderr, (await monitor.ExitOfAsync(bundle.Id, Timeout)).ExitCode);
    }

    [Fact]
    public async Task Container_IsStartedByTheWaitingInit_AndAnotherTakesItsPlace()
    {
        await using var monitor = await MonitorSession.StartAsync();
        var standby = await WaitForStandbyAsync(monitor.Pid);
        using var bundle = new TestBundle("/bin/sh", "-c", "echo out $$ $(hostname); echo err >&2; exit 3");

        var run = await RunAsync(monitor, bundle);

        Assert.Equal(standby, run.Pid);
        Assert.Equal($"out 1 {bundle.Spec.Hostname}\n", run.Stdout);
        Assert.Equal("err\n", run.Stderr);
        Assert.Equal(3, run.ExitCode);
        Assert.NotEqual(standby, await WaitForStandbyAsync(monitor.Pid, standby));
    }

    [Fact]
    public async Task TerminalContainer_GetsItsConsoleThroughTheWaitingInit()
    {
        await using var monitor = await MonitorSession.StartAsync();
        var standby = await WaitForStandbyAsync(monitor.Pid);
        using var bundle = new TestBundle("/bin/sh", "-c", "tty");
        bundle.Spec.Process!.Terminal = true;
        bundle.Write();

        var run = await RunAsync(monitor, bundle, tty: true);

        Assert.Equal(standby, run.Pid);
        Assert.Equal("/dev/pts/0\r\n", run.Stdout);
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task RootfsMountedAfterTheInitWaited_IsSeenInTheContainer()
    {
        await using var monitor = await MonitorSession.StartAsync();
        var standby = await WaitForStandbyAsync(monitor.Pid);
        using var bundle = new TestBundle("/bin/cat", "/only-in-the-upper-layer");
        var upper = Path.Combine(bundle.Dir, "upper");
        var work = Path.Combine(bundle.Dir, "work");
        var merged = Path.Combine(bundle.Dir, "merged");
        foreach (var d in new[] { upper, work, merged }) Directory.CreateDirectory(d);
        File.WriteAllText(Path.Combine(upper, "only-in-the-upper-layer"), "from the overlay\n");
        // Mounted as the daemon mounts an image's layers: after the standby's mount namespace was copied.
        Assert.Equal(0, Command.Run("mount", ["-t", "overlay", "overlay", "-o", $"lowerdir={bundle.Dir}/rootfs,upperdir={upper},workdir={work}", merged]).ExitCode);
        try
        {
            bundle.Spec.Root!.Path = merged;
            bundle.Write();

            var run = await RunAsync(monitor, bundle);

            Assert.Equal(standby, run.Pid);
            Assert.Equal("from the overlay\n", run.Stdout);
            Assert.Equal(0, run.ExitCode);
        }
        finally { Command.Run("umount", ["-l", merged]); }
    }

    [Fact]
    public async Task BindSourceTheInitCannotSee_GetsAFreshInit_AndTheStandbyWaitsOn()
    {
        await using var monitor = await MonitorSession.StartAsync();
        var standby = await WaitForStandbyAsync(monitor.Pid);
        using var bundle = new TestBundle("/bin/cat", "/data/file");
        var source = Path.Combine(bundle.Dir, "data");
        Directory.CreateDirectory(source);
        Assert.Equal(0, Command.Run("mount", ["-t", "tmpfs", "tmpfs", source]).ExitCode);
        try
        {
            File.WriteAllText(Path.Combine(source, "file"), "on tmpfs\n");
            bundle.Spec.Mounts!.Add(new Oci.RuntimeSpec.Mount { Destination = "/data", Type = "bind", Source = source, Options = ["rbind", "ro"] });
            bundle.Write();
            // Where the host's mounts propagate, the standby sees the new tmpfs too, and may take the container.
            var propagates = File.Exists($"/proc/{standby}/root{source}/file");

            var run = await RunAsync(monitor, bundle);

            Assert.Equal("on tmpfs\n", run.Stdout);
            Assert.Equal(0, run.ExitCode);
            if (!propagates)
            {
                Assert.NotEqual(standby, run.Pid);
                Assert.Equal([standby], Standbys(monitor.Pid));
            }
        }
        finally { Command.Run("umount", ["-l", source]); }
    }

    [Fact]
    public async Task KilledStandby_IsNotUsed()
    {
        await using var monitor = await MonitorSession.StartAsync();
        var standby = await WaitForStandbyAsync(monitor.Pid);
        Assert.Equal(0, Command.Run("kill", ["-9", standby.ToString()]).ExitCode);
        while (Directory.Exists($"/proc/{standby}")) await Task.Delay(20);
        using var bundle = new TestBundle("/bin/echo", "fresh");

        var run = await RunAsync(monitor, bundle);

        Assert.NotEqual(standby, run.Pid);
        Assert.Equal("fresh\n", run.Stdout);
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task OtherNamespaces_GetAFreshInit_AndTheNextStandbyHasThem()
    {
        await using var monitor = await MonitorSession.StartAsync();
        var standby = await WaitForStandbyAsync(monitor.Pid);
        using var first = new TestBundle("/bin/true");
        first.Spec.Linux!.Namespaces!.RemoveAll(n => n.Type == "network");
        first.Write();

        var run = await RunAsync(monitor, first);
        Assert.NotEqual(standby, run.Pid);
        Assert.Equal(0, run.ExitCode);

        var next = await WaitForStandbyAsync(monitor.Pid, standby);
        Assert.Equal(new FileInfo("/proc/self/ns/net").LinkTarget, new FileInfo($"/proc/{next}/ns/net").LinkTarget);
        using var second = new TestBundle("/bin/sh", "-c", "ls /sys/class/net | grep -c .");
        second.Spec.Linux!.Namespaces!.RemoveAll(n => n.Type == "network");
        second.Write();
        var secondRun = await RunAsync(monitor, second);
        Assert.Equal(next, secondRun.Pid);
        Assert.NotEqual("1\n", secondRun.Stdout); // the host's interfaces, not a new namespace's lone lo
    }
}
