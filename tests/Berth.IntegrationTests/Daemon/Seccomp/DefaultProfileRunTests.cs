using Berth.Daemon.Containers.Spec.Seccomp;
using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Daemon.Seccomp;

/// <summary>Alpine under berth-runtime with the seccomp section the daemon builds: ordinary tools work, calls Docker's
/// default blocks fail with EPERM, and "unconfined" lifts the filter.</summary>
public sealed class DefaultProfileRunTests
{
    private static CommandResult RunWith(string? option, string script)
    {
        using var session = new RuntimeSession();
        using var bundle = new TestBundle("/bin/sh", "-c", script);
        bundle.Spec.Linux!.Seccomp = ContainerSeccomp.For(option, false, bundle.Spec.Process!.Capabilities!.Bounding!, SeccompPlatform.Current);
        bundle.Write();
        return session.Run("run", "--bundle", bundle.Dir, bundle.Id);
    }

    [Fact]
    public void OrdinaryToolsRun()
    {
        var result = RunWith(null, "ls / >/dev/null && wget --help 2>&1 | head -1 && date +%Y >/dev/null && echo ok && cat /etc/alpine-release");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("ok\n3.20.3", result.Stdout);
    }

    [Fact]
    public void NewNamespacesAndTheClockAreRefused()
    {
        var result = RunWith(null, "unshare -U true 2>&1; echo unshare=$?; date -s 2000-01-01 2>&1; echo date=$?");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("unshare: unshare(0x10000000): Operation not permitted", result.Stdout);
        Assert.Contains("unshare=1", result.Stdout);
        // busybox reports the failed clock_settime but still exits 0 and prints the date it wanted.
        Assert.Contains("date: can't set date: Operation not permitted", result.Stdout);
    }

    [Fact]
    public void UnconfinedLetsAUserNamespaceBeCreated()
    {
        var result = RunWith(ContainerSeccomp.Unconfined, "unshare -U true 2>&1; echo unshare=$?");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("unshare=0", result.Stdout);
    }
}
