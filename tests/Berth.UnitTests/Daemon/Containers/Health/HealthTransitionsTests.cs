using System.Text;
using Berth.Daemon.Containers.Health;
using Berth.Daemon.Containers.Store;
using Berth.Oci.Image;

namespace Berth.UnitTests.Daemon.Containers.Health;

/// <summary>dockerd's health state machine: starting until the first success, failures in the start period not
/// counted, unhealthy after the retries, the last five probes kept, and the probe output limit.</summary>
public sealed class HealthTransitionsTests
{
    private static readonly DateTimeOffset Started = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static ProbeSettings Settings(int retries = 3, int startPeriodSeconds = 0)
        => ProbeSettings.Of(new HealthConfig { Test = ["CMD", "true"], Retries = retries, StartPeriod = startPeriodSeconds * 1_000_000_000L })!;

    private static bool Probe(HealthState h, int exitCode, double secondsAfterStart, ProbeSettings s)
        => HealthTransitions.Record(h, new HealthProbe { ExitCode = exitCode, Output = exitCode.ToString() }, Started.AddSeconds(secondsAfterStart), Started, s);

    [Fact]
    public void ASuccessMakesItHealthyAndClearsTheStreak()
    {
        var h = HealthTransitions.Starting(null);
        var s = Settings();
        Assert.True(Probe(h, 1, 1, s));
        Assert.Equal((HealthStatus.Starting, 1), (h.Status, h.FailingStreak));
        Assert.True(Probe(h, 0, 2, s));
        Assert.Equal((HealthStatus.Healthy, 0), (h.Status, h.FailingStreak));
        // Another success changes only the log: nothing to store.
        Assert.False(Probe(h, 0, 3, s));
    }

    [Fact]
    public void RetriesConsecutiveFailuresMakeItUnhealthy()
    {
        var h = HealthTransitions.Starting(null);
        var s = Settings(retries: 2);
        Probe(h, 0, 1, s);
        Probe(h, 1, 2, s);
        Assert.Equal((HealthStatus.Healthy, 1), (h.Status, h.FailingStreak));
        Probe(h, -1, 3, s);
        Assert.Equal((HealthStatus.Unhealthy, 2), (h.Status, h.FailingStreak));
        Assert.True(Probe(h, 1, 4, s));
        Assert.Equal((HealthStatus.Unhealthy, 3), (h.Status, h.FailingStreak));
        Probe(h, 0, 5, s);
        Assert.Equal((HealthStatus.Healthy, 0), (h.Status, h.FailingStreak));
    }

    [Fact]
    public void FailuresWithinTheStartPeriodDoNotCountWhileStarting()
    {
        var h = HealthTransitions.Starting(null);
        var s = Settings(retries: 1, startPeriodSeconds: 10);
        Assert.False(Probe(h, 1, 5, s));
        Assert.Equal((HealthStatus.Starting, 0), (h.Status, h.FailingStreak));
        Probe(h, 1, 10, s);
        Assert.Equal((HealthStatus.Unhealthy, 1), (h.Status, h.FailingStreak));
    }

    [Fact]
    public void FailuresWithinTheStartPeriodCountOnceItWasHealthy()
    {
        var h = HealthTransitions.Starting(null);
        var s = Settings(retries: 1, startPeriodSeconds: 60);
        Probe(h, 0, 1, s);
        Probe(h, 1, 2, s);
        Assert.Equal((HealthStatus.Unhealthy, 1), (h.Status, h.FailingStreak));
    }

    [Fact]
    public void TheLogKeepsTheLastFiveProbes()
    {
        var h = HealthTransitions.Starting(null);
        var s = Settings(retries: 100);
        for (var i = 1; i <= 8; i++) Probe(h, i, i, s);
        Assert.Equal(new[] { "4", "5", "6", "7", "8" }, h.Log.Select(p => p.Output));
    }

    [Fact]
    public void AStartResetsStatusAndStreakButKeepsTheProbes()
    {
        var h = new HealthState { Status = HealthStatus.Unhealthy, FailingStreak = 4, Log = [new HealthProbe { ExitCode = 1 }] };
        var started = HealthTransitions.Starting(h);
        Assert.Equal((HealthStatus.Starting, 0, 1), (started.Status, started.FailingStreak, started.Log.Count));
        var halted = HealthTransitions.Halted(new HealthState { Status = HealthStatus.Healthy, FailingStreak = 1, Log = [new HealthProbe()] });
        Assert.Equal((HealthStatus.Unhealthy, 1, 1), (halted.Status, halted.FailingStreak, halted.Log.Count));
    }

    [Fact]
    public void OutputIsKeptUpTo4096BytesThenMarked()
    {
        var small = new ProbeOutput();
        small.Append("ok\n"u8);
        small.Append("more"u8);
        Assert.Equal("ok\nmore", small.ToString());
        var big = new ProbeOutput();
        big.Append(Encoding.ASCII.GetBytes(new string('a', 4000)));
        big.Append(Encoding.ASCII.GetBytes(new string('b', 200)));
        var text = big.ToString();
        Assert.Equal(4096 + 3, text.Length);
        Assert.EndsWith(new string('b', 96) + "...", text);
    }
}
