using System.Text;
using Berth.Daemon.Api.Handlers;
using Berth.Storage.Images;

namespace Berth.UnitTests.Daemon;

/// <summary>The load progress messages: byte for byte what dockerd 20.10 sent for the same layer, and dockerd's
/// rule for which reads become messages.</summary>
public sealed class LoadProgressTests
{
    private static string Text(byte[] line) => Encoding.UTF8.GetString(line);

    [Theory]
    // Captured from dockerd 20.10.24 loading a docker save tarball with a 3010560-byte layer.
    [InlineData(32768, """{"status":"Loading layer","progressDetail":{"current":32768,"total":3010560},"progress":"[\u003e                                                  ]  32.77kB/3.011MB","id":"e1c6d82e2b85"}""")]
    [InlineData(163840, """{"status":"Loading layer","progressDetail":{"current":163840,"total":3010560},"progress":"[==\u003e                                                ]  163.8kB/3.011MB","id":"e1c6d82e2b85"}""")]
    [InlineData(3010560, """{"status":"Loading layer","progressDetail":{"current":3010560,"total":3010560},"progress":"[==================================================\u003e]  3.011MB/3.011MB","id":"e1c6d82e2b85"}""")]
    public void Progress_IsDockerdsLine(long current, string expected)
        => Assert.Equal(expected + "\n", Text(JsonMessageWriter.Progress("Loading layer", new LayerProgress("e1c6d82e2b85", current, 3010560, false))));

    [Fact]
    public void StreamAndError_AreDockerdsShapes()
    {
        Assert.Equal("{\"stream\":\"Loaded image: multi:1\\n\"}\n", Text(JsonMessageWriter.Stream("Loaded image: multi:1\n")));
        Assert.Equal("""{"errorDetail":{"message":"bad \"x\""},"error":"bad \"x\""}""" + "\n", Text(JsonMessageWriter.Error("bad \"x\"")));
    }

    private sealed class ManualClock : TimeProvider
    {
        public long Now { get; set; }
        public override long TimestampFrequency => 1000;
        public override long GetTimestamp() => Now;
    }

    [Fact]
    public void Throttle_ReportsEachPercentAtMostEvery100msAndAlwaysTheEnd()
    {
        var clock = new ManualClock();
        var shown = new List<long>();
        var throttle = new ProgressThrottle(p => shown.Add(p.Current), clock);
        const long total = 1_000_000;
        // 1% of the layer is 10000 bytes: reads of 4096 report every third read, if 100 ms have passed.
        for (long read = 4096; read < total; read += 4096)
        {
            throttle.Report(new LayerProgress("a", read, total, false));
            clock.Now += 20;
        }
        throttle.Report(new LayerProgress("a", total, total, false));
        throttle.Report(new LayerProgress("a", total, total, true));
        Assert.Equal(12288, shown[0]);
        Assert.All(shown.Zip(shown.Skip(1)).SkipLast(1), pair => Assert.True(pair.Second - pair.First >= 10000));
        // The last small read is under 1%, so only the end of the data reports the total, as with dockerd.
        Assert.Equal(total, shown[^1]);
        Assert.NotEqual(total, shown[^2]);
        Assert.InRange(shown.Count, 40, 60);

        // A new layer starts afresh: its first step is reported at once.
        throttle.Report(new LayerProgress("b", 20000, 100000, false));
        Assert.Equal(20000, shown[^1]);
    }
}
