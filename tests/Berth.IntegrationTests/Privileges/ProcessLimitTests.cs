using Berth.Oci.RuntimeSpec;
using Berth.Runtime;
using Berth.Runtime.Privileges;

namespace Berth.IntegrationTests.Privileges;

/// <summary>rlimits and oom_score_adj, applied to a child process (they belong to a whole process).</summary>
public class ProcessLimitTests
{
    private static (string Soft, string Hard) LimitsLine(string limits, string name)
    {
        var line = limits.Split('\n').Single(l => l.StartsWith(name, StringComparison.Ordinal));
        var values = line[name.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (values[0], values[1]);
    }

    [Fact]
    public void ResourceLimits_ApplyToTheGivenProcess()
    {
        using var child = ChildProcess.StartSleep();
        ResourceLimits.FromOci([
            new Rlimit { Type = "RLIMIT_NOFILE", Soft = 512, Hard = 1024 },
            new Rlimit { Type = "RLIMIT_CORE", Soft = 0, Hard = 0 },
            new Rlimit { Type = "RLIMIT_NPROC", Soft = 100, Hard = 200 },
        ]).Apply(child.Pid);

        var limits = child.ReadProc("limits");
        Assert.Equal(("512", "1024"), LimitsLine(limits, "Max open files"));
        Assert.Equal(("0", "0"), LimitsLine(limits, "Max core file size"));
        Assert.Equal(("100", "200"), LimitsLine(limits, "Max processes"));
        Assert.Equal(new ResourceLimit(7, 512, 1024), ResourceLimits.Current(child.Pid, 7));
    }

    [Fact]
    public void ResourceLimits_FailClearlyAboveTheKernelsFileLimit()
    {
        using var child = ChildProcess.StartSleep();
        var nrOpen = ulong.Parse(File.ReadAllText("/proc/sys/fs/nr_open").Trim());
        var limits = ResourceLimits.FromOci([new Rlimit { Type = "RLIMIT_NOFILE", Soft = nrOpen + 1, Hard = nrOpen + 1 }]);

        var error = Assert.Throws<RuntimeException>(() => limits.Apply(child.Pid));
        Assert.Equal($"setting rlimit RLIMIT_NOFILE to {nrOpen + 1}: operation not permitted (above the kernel's fs.nr_open {nrOpen})",
            error.Message);
    }

    [Fact]
    public void ResourceLimits_RaiseTheHardLimitOnlyWithSysResource()
    {
        using var child = ChildProcess.StartSleep();
        var current = ResourceLimits.Current(child.Pid, 6); // RLIMIT_NPROC: no fs.nr_open ceiling
        Assert.NotEqual(ResourceLimit.Unlimited, current.Hard);
        var raised = current.Hard + 1;
        var limits = ResourceLimits.FromOci([new Rlimit { Type = "RLIMIT_NPROC", Soft = current.Soft, Hard = raised }]);

        if (CapabilityState.ReadCurrentThread().Effective.Contains(24))
        {
            limits.Apply(child.Pid);
            Assert.Equal(raised, ResourceLimits.Current(child.Pid, 6).Hard);
        }
        else
        {
            var error = Assert.Throws<RuntimeException>(() => limits.Apply(child.Pid));
            Assert.Equal($"setting rlimit RLIMIT_NPROC to soft {current.Soft}, hard {raised}: operation not permitted " +
                         $"(current hard limit {current.Hard}; raising it needs CAP_SYS_RESOURCE)", error.Message);
            Assert.Equal(current, ResourceLimits.Current(child.Pid, 6));
        }
    }

    [Fact]
    public void ResourceLimits_CurrentMatchesProcLimits()
    {
        var (soft, hard) = LimitsLine(File.ReadAllText("/proc/self/limits"), "Max open files");
        var current = ResourceLimits.Current("RLIMIT_NOFILE");
        Assert.Equal(soft, ResourceLimit.Format(current.Soft));
        Assert.Equal(hard, ResourceLimit.Format(current.Hard));
    }

    [Fact]
    public void OomScore_WritesTheGivenProcess()
    {
        using var child = ChildProcess.StartSleep();
        OomScore.FromOci(500).Apply(child.Pid);

        Assert.Equal("500", child.ReadProc("oom_score_adj").Trim());
        Assert.Equal(new OomScore(500), OomScore.Read(child.Pid));
    }

    [Fact]
    public void OomScore_WritesTheCallingProcess()
    {
        var before = OomScore.Read(Environment.ProcessId);
        var raised = new OomScore(Math.Min(before.Adjustment + 1, OomScore.Max));
        try
        {
            raised.Apply();
            Assert.Equal(raised, OomScore.Read(Environment.ProcessId));
        }
        finally
        {
            before.Apply();
        }
        Assert.Equal(before, OomScore.Read(Environment.ProcessId));
    }
}
