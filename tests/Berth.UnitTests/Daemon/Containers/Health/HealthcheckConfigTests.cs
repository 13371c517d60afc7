using Berth.Daemon.Containers.Health;
using Berth.Daemon.Errors;
using Berth.Oci.Image;

namespace Berth.UnitTests.Daemon.Containers.Health;

/// <summary>dockerd's checks of a create request's healthcheck, its merge over the image's, and the probe settings.</summary>
public sealed class HealthcheckConfigTests
{
    private const long Ms = 1_000_000, S = 1_000_000_000;

    [Theory]
    [InlineData(999_999L, null, null, null, "Interval in Healthcheck cannot be less than 1ms")]
    [InlineData(-S, null, null, null, "Interval in Healthcheck cannot be less than 1ms")]
    [InlineData(null, 5L, null, null, "Timeout in Healthcheck cannot be less than 1ms")]
    [InlineData(null, null, -1, null, "Retries in Healthcheck cannot be negative")]
    [InlineData(null, null, null, 5L, "StartPeriod in Healthcheck cannot be less than 1ms")]
    // dockerd checks in this order: the interval's message wins over the timeout's.
    [InlineData(1_000L, -1L, null, null, "Interval in Healthcheck cannot be less than 1ms")]
    public void BadValuesGetDockerdsMessages(long? interval, long? timeout, int? retries, long? startPeriod, string message)
    {
        var config = new HealthConfig { Test = ["CMD", "true"], Interval = interval, Timeout = timeout, Retries = retries, StartPeriod = startPeriod };
        Assert.Equal(message, Assert.Throws<BadRequestError>(() => HealthcheckConfig.Validate(config)).Message);
    }

    [Fact]
    public void ZeroMeansInheritAndOneMillisecondIsAllowed()
    {
        HealthcheckConfig.Validate(new HealthConfig { Interval = 0, Timeout = 0, StartPeriod = 0, Retries = 0 });
        HealthcheckConfig.Validate(new HealthConfig { Test = ["NONE"], Interval = Ms, Timeout = Ms, StartPeriod = Ms, StartInterval = Ms });
        HealthcheckConfig.Validate(null);
    }

    [Fact]
    public void UnsetFieldsComeFromTheImage()
    {
        var image = new HealthConfig { Test = ["CMD-SHELL", "check"], Interval = 5 * S, Timeout = 2 * S, StartPeriod = S, Retries = 4 };
        var merged = HealthcheckConfig.Merge(new HealthConfig { Interval = 300 * Ms, Retries = 0 }, image)!;
        Assert.Equal(new[] { "CMD-SHELL", "check" }, merged.Test!);
        Assert.Equal(300 * Ms, merged.Interval);
        Assert.Equal(2 * S, merged.Timeout);
        Assert.Equal(S, merged.StartPeriod);
        Assert.Equal(4, merged.Retries);
    }

    [Fact]
    public void NoneDisablesTheImagesHealthcheckAndAbsenceInheritsIt()
    {
        var image = new HealthConfig { Test = ["CMD", "check"], Interval = 5 * S };
        Assert.Null(ProbeSettings.Of(HealthcheckConfig.Merge(new HealthConfig { Test = ["NONE"] }, image)));
        Assert.Equal(image, HealthcheckConfig.Merge(null, image));
        var own = new HealthConfig { Test = ["CMD", "mine"] };
        Assert.Equal(own, HealthcheckConfig.Merge(own, null));
        Assert.Null(HealthcheckConfig.Merge(null, null));
    }

    [Fact]
    public void ZerosStayUnsetAsGoOmitsThem()
    {
        var merged = HealthcheckConfig.Merge(new HealthConfig { Test = [], Interval = 0, Timeout = 0, StartPeriod = 0, StartInterval = 0, Retries = 0 }, null);
        Assert.Equal(new HealthConfig(), merged);
    }

    [Fact]
    public void ProbeSettingsUseDockerdsDefaults()
    {
        var s = ProbeSettings.Of(new HealthConfig { Test = ["CMD-SHELL", "curl -f localhost || exit 1"] })!;
        Assert.Equal(new[] { "/bin/sh", "-c", "curl -f localhost || exit 1" }, s.Command);
        Assert.Equal(TimeSpan.FromSeconds(30), s.Interval);
        Assert.Equal(TimeSpan.FromSeconds(30), s.Timeout);
        Assert.Equal(TimeSpan.Zero, s.StartPeriod);
        Assert.Equal(3, s.Retries);
        var cmd = ProbeSettings.Of(new HealthConfig { Test = ["CMD", "true", "x"], Interval = 200 * Ms, Retries = 7 })!;
        Assert.Equal(new[] { "true", "x" }, cmd.Command);
        Assert.Equal(TimeSpan.FromMilliseconds(200), cmd.Interval);
        Assert.Equal(7, cmd.Retries);
    }

    [Theory]
    [InlineData("")]
    [InlineData("NONE")]
    [InlineData("CMD")]
    [InlineData("SOMETHING x")]
    public void NoProbeWithoutACommand(string test)
        => Assert.Null(ProbeSettings.Of(new HealthConfig { Test = [.. test.Split(' ', StringSplitOptions.RemoveEmptyEntries)] }));

    [Fact]
    public void TheStartIntervalAppliesOnlyWhileStartingWithinTheStartPeriod()
    {
        var s = ProbeSettings.Of(new HealthConfig { Test = ["CMD", "true"], Interval = 10 * S, StartPeriod = 60 * S, StartInterval = S })!;
        Assert.Equal(TimeSpan.FromSeconds(1), s.NextDelay(HealthStatus.Starting, TimeSpan.FromSeconds(5)));
        Assert.Equal(TimeSpan.FromSeconds(10), s.NextDelay(HealthStatus.Healthy, TimeSpan.FromSeconds(5)));
        Assert.Equal(TimeSpan.FromSeconds(10), s.NextDelay(HealthStatus.Starting, TimeSpan.FromSeconds(61)));
        var plain = ProbeSettings.Of(new HealthConfig { Test = ["CMD", "true"], Interval = 10 * S, StartPeriod = 60 * S })!;
        Assert.Equal(TimeSpan.FromSeconds(10), plain.NextDelay(HealthStatus.Starting, TimeSpan.FromSeconds(5)));
    }

    [Theory]
    [InlineData(200 * Ms, "200ms")]
    [InlineData(30 * S, "30s")]
    [InlineData(1500 * Ms, "1.5s")]
    [InlineData(90 * S, "1m30s")]
    [InlineData(7200 * S, "2h0m0s")]
    [InlineData(1500L, "1.5µs")]
    [InlineData(0L, "0s")]
    public void TimeoutsPrintAsGoDurations(long nanoseconds, string text)
        => Assert.Equal(text, GoDurationText.Format(TimeSpan.FromTicks(nanoseconds / 100)));
}
