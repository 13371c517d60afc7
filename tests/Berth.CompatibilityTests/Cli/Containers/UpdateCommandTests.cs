using Berth.CompatibilityTests.DockerdRuntime;

namespace Berth.CompatibilityTests.Cli.Containers;

/// <summary>update on a running container of each client: limits, restart policy, the daemon's warnings and refusals.</summary>
public sealed class UpdateCommandTests(DockerdFixture fixture) : CliComparison(fixture)
{
    private const string Limits = "{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.MemoryReservation}} {{.HostConfig.NanoCpus}} " +
        "{{.HostConfig.CpuShares}} {{.HostConfig.PidsLimit}} {{.HostConfig.BlkioWeight}} {{.HostConfig.RestartPolicy.Name}}:{{.HostConfig.RestartPolicy.MaximumRetryCount}}";

    [Fact]
    public async Task Update_LimitsAndRestartPolicy_AgreeWithDocker()
    {
        var (d, b) = (NewName("docker"), NewName("berth"));
        await CompareAsync(["run", "-d", "--name", "{name}", "--network", "none", Image, "sleep", "1000"], null, d, b);
        await CompareAsync(["update", "--memory", "64m", "--memory-swap", "128m", "--memory-reservation", "32m", "{name}"], null, d, b);
        await CompareAsync(["update", "--cpus", "0.5", "--pids-limit", "50", "--restart", "on-failure:3", "-c", "512", "{name}"], null, d, b);
        await CompareAsync(["inspect", "--format", Limits, "{name}"], null, d, b);
        await CompareAsync(["container", "update", "--memory-swap", "-1", "--restart", "always", "{name}"], null, d, b);
        await CompareAsync(["update", "--pids-limit", "-1", "{name}", "berth-nosuch"], null, d, b);
        // cgroup v1 without the blkio weight file: dockerd warns and discards the value; docker prints what it says.
        await CompareAsync(["update", "--blkio-weight", "300", "{name}"], null, d, b);
        await CompareAsync(["inspect", "--format", Limits, "{name}"], null, d, b);
    }

    [Fact]
    public async Task Update_Refusals_AgreeWithDocker()
    {
        var (d, b) = (NewName("docker"), NewName("berth"));
        await CompareAsync(["run", "-d", "--name", "{name}", "--network", "none", Image, "sleep", "1000"], null, d, b);
        await CompareAsync(["update", "--memory", "12q", "{name}"], null, d, b);
        await CompareAsync(["update", "--cpus", "abc", "{name}"], null, d, b);
        await CompareAsync(["update", "--blkio-weight", "70000", "{name}"], null, d, b);
        await CompareAsync(["update", "{name}"], null, d, b);
        await CompareAsync(["update", "--restart", ":3", "{name}"], null, d, b);
        await CompareAsync(["update", "--restart", "bogus", "{name}"], null, d, b);
        await CompareAsync(["update", "--cpus", "1.5", "--cpu-quota", "1000", "{name}"], null, d, b);
        await CompareAsync(["update", "--memory", "1m", "{name}"], null, d, b);
        await CompareAsync(["update"], null, d, b);
        await CompareAsync(["update", "--memory", "12q"], null, d, b);
        await CompareAsync(["update", "--cpus", "1", "berth-nosuch", "berth-nosuch2"], null, d, b);
    }
}
