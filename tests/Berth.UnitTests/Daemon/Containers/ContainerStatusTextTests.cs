using Berth.Daemon.Api.Handlers;
using Berth.Daemon.Containers.Store;

namespace Berth.UnitTests.Daemon.Containers;

/// <summary>ps STATUS texts as dockerd writes them.</summary>
public sealed class ContainerStatusTextTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static string Ago(int seconds) => Berth.Oci.Image.Rfc3339.Format(Now.AddSeconds(-seconds));

    [Fact]
    public void CreatedNeverStarted() => Assert.Equal("Created", ContainerStatusText.Of(new ContainerState(), Now));

    [Fact]
    public void UpForSeconds()
        => Assert.Equal("Up 3 seconds", ContainerStatusText.Of(new ContainerState { Running = true, Status = "running", StartedAt = Ago(3) }, Now));

    [Fact]
    public void UpWithHealthAndPaused()
    {
        Assert.Equal("Up About a minute (healthy)", ContainerStatusText.Of(new ContainerState
            { Running = true, StartedAt = Ago(70), Health = new HealthState { Status = "healthy" } }, Now));
        Assert.Equal("Up 5 minutes (health: starting)", ContainerStatusText.Of(new ContainerState
            { Running = true, StartedAt = Ago(300), Health = new HealthState() }, Now));
        Assert.Equal("Up 2 hours (Paused)", ContainerStatusText.Of(new ContainerState { Running = true, Paused = true, StartedAt = Ago(7200) }, Now));
    }

    [Fact]
    public void ExitedWithCodeAndAge()
        => Assert.Equal("Exited (137) 2 seconds ago", ContainerStatusText.Of(new ContainerState
            { Status = "exited", ExitCode = 137, StartedAt = Ago(10), FinishedAt = Ago(2) }, Now));

    [Fact]
    public void Restarting()
        => Assert.Equal("Restarting (1) Less than a second ago", ContainerStatusText.Of(new ContainerState
            { Status = "restarting", Restarting = true, ExitCode = 1, StartedAt = Ago(3), FinishedAt = Ago(0) }, Now));
}
