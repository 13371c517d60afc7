namespace Berth.CompatibilityTests.DockerdRuntime;

/// <summary><c>--read-only</c>, <c>--cap-drop ALL</c>, <c>--user</c> and the default capability set.</summary>
public sealed class SecurityOptionTests(DockerdFixture fixture) : DockerScenario(fixture)
{
    [Theory]
    [InlineData("runc")]
    [InlineData("berth")]
    public async Task ReadOnly_RefusesWritesToTheRootButNotToDevShm(string runtime)
    {
        const string probe =
            "touch /file; echo root=$?; touch /tmp/file; echo tmp=$?; touch /dev/shm/file; echo shm=$?; " +
            "awk '$2 == \"/\" { split($4, o, \",\"); print \"root-mount=\" o[1] }' /proc/mounts";

        var result = await RunProbeAsync(runtime, ["--read-only"], probe);

        CheckEqual(
            "touch: /file: Read-only file system\nroot=1\ntouch: /tmp/file: Read-only file system\ntmp=1\nshm=0\nroot-mount=ro\n",
            result.Stdout, "output", result);
    }

    [Theory]
    [InlineData("runc")]
    [InlineData("berth")]
    public async Task CapDropAll_LeavesNoCapabilitiesAndChownFails(string runtime)
    {
        var result = await RunProbeAsync(runtime, ["--cap-drop", "ALL"], "grep ^Cap /proc/self/status; chown 1 /tmp; echo chown=$?");

        CheckEqual(
            "CapInh:\t0000000000000000\nCapPrm:\t0000000000000000\nCapEff:\t0000000000000000\nCapBnd:\t0000000000000000\n" +
            "CapAmb:\t0000000000000000\nchown: /tmp: Operation not permitted\nchown=1\n",
            result.Stdout, "output", result);
    }

    [Theory]
    [InlineData("runc")]
    [InlineData("berth")]
    public async Task DefaultCapabilities_AreDockersDefaultSet(string runtime)
    {
        var result = await RunProbeAsync(runtime, [], "grep ^Cap /proc/self/status; chown 1 /tmp; echo chown=$?");

        // Docker 20.10's default: CHOWN DAC_OVERRIDE FOWNER FSETID KILL SETGID SETUID SETPCAP NET_BIND_SERVICE
        // NET_RAW SYS_CHROOT MKNOD AUDIT_WRITE SETFCAP.
        CheckEqual(
            "CapInh:\t0000000000000000\nCapPrm:\t00000000a80425fb\nCapEff:\t00000000a80425fb\nCapBnd:\t00000000a80425fb\n" +
            "CapAmb:\t0000000000000000\nchown=0\n",
            result.Stdout, "output", result);
    }

    [Theory]
    [InlineData("runc")]
    [InlineData("berth")]
    public async Task User_RunsAsTheGivenUidAndGidWithoutCapabilities(string runtime)
    {
        var result = await RunProbeAsync(
            runtime, ["--user", "1000:1000"], "id; touch /root/file; echo root=$?; grep -E '^Cap(Eff|Bnd)' /proc/self/status");

        CheckEqual(
            "uid=1000 gid=1000 groups=1000\ntouch: /root/file: Permission denied\nroot=1\n" +
            "CapEff:\t0000000000000000\nCapBnd:\t00000000a80425fb\n",
            result.Stdout, "output", result);
    }

    // Runs the shell probe with stderr folded into stdout, so messages and results keep their order.
    private async Task<Harness.CommandResult> RunProbeAsync(string runtime, string[] options, string probe)
    {
        var result = await Docker.RunAsync(
            [.. RunOptions(runtime, ["--rm", .. options]), DockerdFixture.Image, "sh", "-c", $"exec 2>&1; {probe}"],
            TimeSpan.FromSeconds(60));
        CheckEqual(0, result.ExitCode, "exit status", result);
        return result;
    }
}
