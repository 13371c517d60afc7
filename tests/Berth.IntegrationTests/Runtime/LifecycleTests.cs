using System.Text.Json;
using Berth.IntegrationTests.Support;
using Berth.Oci.RuntimeSpec;

namespace Berth.IntegrationTests.Runtime;

/// <summary>create → start → state → exec → pause/resume → update → kill → delete, as containerd drives them.</summary>
public sealed class LifecycleTests
{
    private static State StateOf(RuntimeSession session, string id)
    {
        var r = session.Run("state", id);
        Assert.True(r.ExitCode == 0, r.ToString());
        return JsonSerializer.Deserialize(r.Stdout, OciJsonContext.Default.State)!;
    }

    private static void Ok(CommandResult r) => Assert.True(r.ExitCode == 0, r.ToString());

    private static void WaitFor(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(what);
            Thread.Sleep(20);
        }
    }

    [Fact]
    public void CreateStartKillDelete_FollowTheSpecStatuses()
    {
        using var session = new RuntimeSession();
        using var bundle = new TestBundle("/bin/sh", "-c", "echo started > /tmp/mark; exec sleep 60");
        var pidFile = Path.Combine(bundle.Dir, "init.pid");
        Ok(session.Run("create", "--bundle", bundle.Dir, "--pid-file", pidFile, bundle.Id));

        var created = StateOf(session, bundle.Id);
        Assert.Equal("created", created.Status);
        Assert.Equal(int.Parse(File.ReadAllText(pidFile)), created.Pid);
        Assert.Equal(bundle.Dir, created.Bundle);
        Assert.False(File.Exists(Path.Combine(bundle.Dir, "rootfs", "tmp", "mark")), "the process must not run before start");

        Ok(session.Run("start", bundle.Id));
        Assert.Equal("running", StateOf(session, bundle.Id).Status);
        WaitFor(() => File.Exists(Path.Combine(bundle.Dir, "rootfs", "tmp", "mark")), "process did not start");
        Assert.Contains(bundle.Id, session.Run("list", "-q").Stdout);

        var refused = session.Run("delete", bundle.Id);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("not stopped", refused.Stderr);

        Ok(session.Run("kill", bundle.Id, "KILL"));
        WaitFor(() => StateOf(session, bundle.Id).Status == "stopped", "container did not stop");
        Ok(session.Run("delete", bundle.Id));
        Assert.False(Directory.Exists(session.StateDir(bundle.Id)));
        Assert.False(Directory.Exists($"/sys/fs/cgroup/memory{bundle.CgroupPath}"));
        Assert.Contains("does not exist", session.Run("state", bundle.Id).Stderr);
    }

    [Fact]
    public void Exec_RunsInsideTheContainer()
    {
        using var session = new RuntimeSession();
        using var bundle = new TestBundle("sleep", "60");
        Ok(session.Run("run", "--detach", "--bundle", bundle.Dir, bundle.Id));

        var plain = session.Run("exec", bundle.Id, "/bin/sh", "-c", "echo $$ $(hostname); cat /etc/alpine-release");
        Ok(plain);
        var words = plain.Stdout.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEqual("1", words[0]);
        Assert.Equal(bundle.Spec.Hostname, words[1]);
        Assert.Equal("3.20.3", words[2]);

        Assert.Equal(3, session.Run("exec", bundle.Id, "/bin/sh", "-c", "exit 3").ExitCode);

        var processFile = Path.Combine(bundle.Dir, "process.json");
        File.WriteAllText(processFile, JsonSerializer.Serialize(new Process
        {
            Args = ["/bin/sh", "-c", "id -u; pwd; echo $GREETING"], Cwd = "/etc", Env = ["PATH=/bin:/usr/bin", "GREETING=hello"],
            User = new User { Uid = 1000, Gid = 1000 },
        }, OciJsonContext.Default.Process));
        var fromFile = session.Run("exec", "--process", processFile, bundle.Id);
        Ok(fromFile);
        Assert.Equal("1000\n/etc\nhello\n", fromFile.Stdout);

        var ps = session.Run("ps", "--format", "json", bundle.Id);
        Ok(ps);
        Assert.Single(JsonDocument.Parse(ps.Stdout).RootElement.EnumerateArray());
        Ok(session.Run("delete", "--force", bundle.Id));
    }

    [Fact]
    public void PauseResume_FreezeTheContainer()
    {
        using var session = new RuntimeSession();
        using var bundle = new TestBundle("/bin/sh", "-c", "i=0; while true; do i=$((i+1)); echo $i > /tmp/count; sleep 0.05; done");
        Ok(session.Run("run", "-d", "--bundle", bundle.Dir, bundle.Id));
        var counter = Path.Combine(bundle.Dir, "rootfs", "tmp", "count");
        WaitFor(() => File.Exists(counter), "counter did not start");

        Ok(session.Run("pause", bundle.Id));
        Assert.Equal("paused", StateOf(session, bundle.Id).Status);
        var frozenAt = File.ReadAllText(counter);
        Thread.Sleep(300);
        Assert.Equal(frozenAt, File.ReadAllText(counter));
        Assert.NotEqual(0, session.Run("exec", bundle.Id, "true").ExitCode);

        Ok(session.Run("resume", bundle.Id));
        Assert.Equal("running", StateOf(session, bundle.Id).Status);
        WaitFor(() => File.ReadAllText(counter) != frozenAt, "counter did not resume");
        Ok(session.Run("delete", "--force", bundle.Id));
    }

    [Fact]
    public void Update_ChangesTheMemoryLimit()
    {
        using var session = new RuntimeSession();
        using var bundle = new TestBundle("sleep", "60");
        bundle.Spec.Linux!.Resources = new LinuxResources { Memory = new LinuxMemory { Limit = 32 << 20 }, Pids = new LinuxPids { Limit = 20 } };
        bundle.Write();
        Ok(session.Run("run", "-d", "--bundle", bundle.Dir, bundle.Id));
        var limitFile = $"/sys/fs/cgroup/memory{bundle.CgroupPath}/memory.limit_in_bytes";
        Assert.Equal((32 << 20).ToString(), File.ReadAllText(limitFile).Trim());
        Assert.Equal("20", File.ReadAllText($"/sys/fs/cgroup/pids{bundle.CgroupPath}/pids.max").Trim());

        Ok(session.RunWithInput("{\"memory\":{\"limit\":67108864}}", "update", "--resources", "-", bundle.Id));
        Assert.Equal("67108864", File.ReadAllText(limitFile).Trim());
        Ok(session.Run("update", "--pids-limit", "30", bundle.Id));
        Assert.Equal("30", File.ReadAllText($"/sys/fs/cgroup/pids{bundle.CgroupPath}/pids.max").Trim());
        Ok(session.Run("delete", "--force", bundle.Id));
    }

    [Fact]
    public void Hooks_RunAtTheirLifecyclePoints()
    {
        using var session = new RuntimeSession();
        using var bundle = new TestBundle("true");
        var log = Path.Combine(bundle.Dir, "hooks.log");
        Hook Record(string name) => new() { Path = "/bin/sh", Args = ["sh", "-c", $"echo {name} $(cat) >> {log}"] };
        bundle.Spec.Hooks = new Hooks
        {
            Prestart = [Record("prestart")], CreateRuntime = [Record("createRuntime")],
            Poststart = [Record("poststart")], Poststop = [Record("poststop")],
        };
        bundle.Write();
        Ok(session.Run("run", "--bundle", bundle.Dir, bundle.Id));
        var lines = File.ReadAllLines(log);
        Assert.Equal(["prestart", "createRuntime", "poststart", "poststop"], lines.Select(l => l.Split(' ')[0]).ToArray());
        Assert.Contains($"\"id\":\"{bundle.Id}\"", lines[0]);
        Assert.Contains("\"status\":\"creating\"", lines[0]);
    }

    [Fact]
    public void FailingHook_AbortsCreateWithoutLeftovers()
    {
        using var session = new RuntimeSession();
        using var bundle = new TestBundle("true");
        bundle.Spec.Hooks = new Hooks { Prestart = [new Hook { Path = "/bin/sh", Args = ["sh", "-c", "echo network setup failed >&2; exit 3"] }] };
        bundle.Write();
        var result = session.Run("create", "--bundle", bundle.Dir, bundle.Id);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("prestart hook /bin/sh exited with status 3: network setup failed", result.Stderr);
        Assert.False(Directory.Exists(session.StateDir(bundle.Id)));
    }

    [Fact]
    public void Seccomp_DeniesListedSyscalls()
    {
        using var session = new RuntimeSession();
        using var bundle = new TestBundle("/bin/sh", "-c", "mkdir /tmp/d 2>&1; echo ok");
        bundle.Spec.Linux!.Seccomp = new LinuxSeccomp
        {
            DefaultAction = "SCMP_ACT_ALLOW", Architectures = ["SCMP_ARCH_X86_64"],
            Syscalls = [new LinuxSyscall { Names = ["mkdir", "mkdirat"], Action = "SCMP_ACT_ERRNO", ErrnoRet = 1 }],
        };
        bundle.Write();
        var result = session.Run("run", "--bundle", bundle.Dir, bundle.Id);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Operation not permitted", result.Stdout);
        Assert.False(Directory.Exists(Path.Combine(bundle.Dir, "rootfs", "tmp", "d")));
    }
}
