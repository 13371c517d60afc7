using Berth.Daemon.Containers.Monitor;
using Berth.IntegrationTests.Support;
using Berth.Oci.RuntimeSpec;

namespace Berth.IntegrationTests.Monitor;

/// <summary>berth-monitor starts a container of its own berth-runtime in-process, and through the runtime's command line
/// when the runtime is another file or the spec has hooks the runtime process runs: both ways behave alike.</summary>
public sealed class MonitorRuntimeChoiceTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly string _dir = Directory.CreateTempSubdirectory("berth-runtime-choice-").FullName;

    /// <summary>A file named berth-runtime that is not the monitor's own: it notes each command line, then runs the real one.</summary>
    private string RecordingRuntime()
    {
        var path = Path.Combine(_dir, "berth-runtime");
        File.WriteAllText(path, $"#!/bin/sh\necho \"$@\" >> {_dir}/calls\nexec {TestPaths.RuntimeBinary} \"$@\"\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private string[] Calls => File.Exists(Path.Combine(_dir, "calls")) ? File.ReadAllLines(Path.Combine(_dir, "calls")) : [];

    [Fact]
    public async Task AnotherBerthRuntimeFile_RunsThroughItsCommandLine()
    {
        await using var monitor = await MonitorSession.StartAsync();
        using var bundle = new TestBundle("/bin/echo", "through the command line");
        await using var subscription = await monitor.Client.SubscribeAsync(bundle.Id, CancellationToken.None);
        await monitor.Client.StartContainerAsync(monitor.Launch(bundle) with { RuntimePath = RecordingRuntime() }, CancellationToken.None);

        Assert.Equal("through the command line\n", (await MonitorSession.DrainAsync(subscription, Timeout)).Stdout);
        Assert.Equal(0, (await monitor.ExitOfAsync(bundle.Id, Timeout)).ExitCode);
        Assert.Contains(Calls, c => c.Contains(" run --detach ") && c.EndsWith(bundle.Id));
    }

    [Fact]
    public async Task PrestartHook_RunsThroughTheCommandLine()
    {
        await using var monitor = await MonitorSession.StartAsync();
        using var bundle = new TestBundle("/bin/echo", "hooked");
        var mark = Path.Combine(_dir, "prestart-ran");
        bundle.Spec.Hooks = new Hooks { Prestart = [new Hook { Path = "/bin/sh", Args = ["sh", "-c", $"cat > {mark}"] }] };
        bundle.Write();
        await using var subscription = await monitor.Client.SubscribeAsync(bundle.Id, CancellationToken.None);
        await monitor.Client.StartContainerAsync(monitor.Launch(bundle), CancellationToken.None);

        Assert.Equal("hooked\n", (await MonitorSession.DrainAsync(subscription, Timeout)).Stdout);
        Assert.Equal(0, (await monitor.ExitOfAsync(bundle.Id, Timeout)).ExitCode);
        Assert.Contains($"\"id\":\"{bundle.Id}\"", File.ReadAllText(mark));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FailedStart_ReportsTheRuntimeErrorAndLeavesNoContainer(bool throughCommandLine)
    {
        await using var monitor = await MonitorSession.StartAsync();
        using var bundle = new TestBundle("no-such-program");
        var launch = monitor.Launch(bundle);
        if (throughCommandLine) launch = launch with { RuntimePath = RecordingRuntime() };

        var error = await Assert.ThrowsAsync<MonitorError>(() => monitor.Client.StartContainerAsync(launch, CancellationToken.None));
        Assert.Equal("OCI runtime start failed: exec: \"no-such-program\": executable file not found in $PATH", error.Message);
        Assert.False(Directory.Exists(Path.Combine(monitor.RuntimeRoot, bundle.Id)));
        // The monitor goes on serving.
        using var next = new TestBundle("/bin/true");
        Assert.True(await monitor.Client.StartContainerAsync(monitor.Launch(next), CancellationToken.None) > 0);
        Assert.Equal(0, (await monitor.ExitOfAsync(next.Id, Timeout)).ExitCode);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
