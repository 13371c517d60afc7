using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Daemon;

/// <summary>Start-up refusals, pid file ownership, stale sockets, tmp/ cleaning and graceful shutdown.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public void NonLoopbackTcpWithoutTls_RefusesToStart()
    {
        using var d = DaemonProcess.Start(["-H", $"tcp://0.0.0.0:{Ports.Free()}"]);
        Assert.Equal(1, d.WaitForExit());
        Assert.Contains("refusing to listen on tcp://0.0.0.0:", d.Output);
        Assert.Contains("--tlsverify", d.Output);
    }

    [Fact]
    public void UnknownConfigKey_RefusesToStart()
    {
        var dir = Path.Combine("/tmp", "berthd-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "daemon.json"), """{"debug": true, "no-such-option": 1}""");
        using var d = DaemonProcess.Start(dir: dir);
        Assert.Equal(1, d.WaitForExit());
        Assert.Contains("the following directives don't match any configuration option: no-such-option", d.Output);
    }

    [Fact]
    public void FlagAndFileConflict_RefusesToStart()
    {
        var dir = Path.Combine("/tmp", "berthd-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "daemon.json"), """{"debug": false}""");
        using var d = DaemonProcess.Start(["--debug"], dir: dir);
        Assert.Equal(1, d.WaitForExit());
        Assert.Contains("specified both as a flag and in the configuration file: debug: (from flag: true, from file: false)", d.Output);
    }

    [Fact]
    public void SecondDaemonOnTheSamePidFile_Refuses()
    {
        using var first = DaemonProcess.StartReady();
        var dir = Path.Combine("/tmp", "berthd-" + Guid.NewGuid().ToString("N")[..8]);
        using var second = DaemonProcess.Start(["--pidfile", first.PidFile], dir: dir);
        Assert.Equal(1, second.WaitForExit());
        Assert.Contains($"pid file found, ensure berthd is not running or delete {first.PidFile}", second.Output);
    }

    [Fact]
    public void StaleSocketAndTmpOrphans_AreCleanedAtStart_AndSigtermStopsGracefully()
    {
        var dir = Path.Combine("/tmp", "berthd-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(dir, "root", "tmp", "half-download"));
        // A socket file nobody listens on, as a killed daemon leaves behind.
        var bind = Command.Run("python3", ["-c", "import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])", Path.Combine(dir, "berthd.sock")]);
        Assert.True(bind.ExitCode == 0 && File.Exists(Path.Combine(dir, "berthd.sock")), bind.ToString());
        using var d = DaemonProcess.Start(dir: dir);
        d.WaitUntil(() => Command.Run(TestPaths.CliBinary, ["-H", d.Host, "version"]).ExitCode == 0, "berthd to answer");
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(dir, "root", "tmp")));
        Assert.Equal(0, d.Terminate());
        Assert.False(File.Exists(d.PidFile), "pid file left behind");
        Assert.False(File.Exists(d.Socket), "socket left behind");
    }

    [Fact]
    public void ContainerLeftoversWithoutARecord_AreSweptAtStart()
    {
        // A crash in the middle of a remove: the record is gone, the runtime's container and the folder are not.
        var dir = Path.Combine("/tmp", "berthd-" + Guid.NewGuid().ToString("N")[..8]);
        var runtimeRoot = Path.Combine(dir, "exec", "runtime");
        var pidFile = Path.Combine(dir, "leftover.pid");
        Directory.CreateDirectory(dir);
        using var bundle = new TestBundle("sleep", "300");
        var run = Command.Run(TestPaths.RuntimeBinary, ["--root", runtimeRoot, "run", "--detach", "--pid-file", pidFile, "--bundle", bundle.Dir, bundle.Id]);
        Assert.True(run.ExitCode == 0, run.ToString());
        var pid = int.Parse(File.ReadAllText(pidFile).Trim());
        var folder = Path.Combine(dir, "root", "containers", bundle.Id);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "hostname"), "leftover\n");

        using var d = DaemonProcess.StartReady(dir: dir);

        // The sweep runs once the API listens.
        d.WaitUntil(() => !Directory.Exists(Path.Combine(runtimeRoot, bundle.Id)), "the runtime state to be swept");
        d.WaitUntil(() => !Directory.Exists(folder), "the container folder to be swept");
        // Its init is killed (a zombie until whoever it was re-parented to reaps it).
        d.WaitUntil(() => !File.Exists($"/proc/{pid}/stat") || File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].StartsWith('Z'),
            "the leftover container's init to end");
    }
}
