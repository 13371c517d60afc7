using System.Text.Json.Nodes;
using Berth.Cli.Commands.Containers;
using Berth.Cli.Commands.Engine;

namespace Berth.UnitTests.Cli.Containers;

/// <summary>stats figures (CPU %, memory without cache, I/O sums) and their units, the live frame, and events' lines.</summary>
public sealed class StatsTextTests
{
    private static JsonObject Stats(string memoryStats = """{"usage":10485760,"limit":8200000000,"stats":{"inactive_file":8912896}}""") =>
        JsonNode.Parse($$$"""
        {"id":"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef","name":"/web",
         "cpu_stats":{"cpu_usage":{"total_usage":3000000000,"percpu_usage":[1,2,3,4]},"system_cpu_usage":120000000000,"online_cpus":2},
         "precpu_stats":{"cpu_usage":{"total_usage":1000000000},"system_cpu_usage":100000000000},
         "memory_stats":{{{memoryStats}}},
         "networks":{"eth0":{"rx_bytes":1000,"tx_bytes":0},"eth1":{"rx_bytes":230,"tx_bytes":0}},
         "blkio_stats":{"io_service_bytes_recursive":[{"op":"Read","value":4096},{"op":"write","value":1500000},{"op":"Total","value":9},{"op":"","value":7},{"op":"read","value":4096}]},
         "pids_stats":{"current":3}}
        """)!.AsObject();

    [Fact]
    public void CpuPercent_IsTheContainersShareOfTheSystemDeltaTimesOnlineCpus()
    {
        // (3e9 - 1e9) / (120e9 - 100e9) × 2 CPUs × 100.
        Assert.Equal(20.0, StatsEntry.CpuPercentOf(Stats()), 9);
    }

    [Fact]
    public void CpuPercent_CountsPerCpuEntriesWhenOnlineCpusIsMissing_AndIsZeroWithoutProgress()
    {
        var stats = Stats();
        stats["cpu_stats"]!.AsObject().Remove("online_cpus");
        Assert.Equal(40.0, StatsEntry.CpuPercentOf(stats), 9);
        stats["precpu_stats"]!["system_cpu_usage"] = 120000000000;
        Assert.Equal(0, StatsEntry.CpuPercentOf(stats));
    }

    [Theory]
    [InlineData("""{"usage":1000,"stats":{"inactive_file":300}}""", 700)]
    [InlineData("""{"usage":1000,"stats":{"total_inactive_file":400,"inactive_file":300}}""", 600)]
    [InlineData("""{"usage":1000,"stats":{"total_inactive_file":1000,"inactive_file":300}}""", 700)]
    [InlineData("""{"usage":1000,"stats":{"inactive_file":2000}}""", 1000)]
    [InlineData("""{"usage":1000}""", 1000)]
    [InlineData("""{}""", 0)]
    public void Memory_LeavesOutTheInactiveFileCache_V1ThenV2(string memory, double expected) =>
        Assert.Equal(expected, StatsEntry.MemoryWithoutCache(JsonNode.Parse(memory)!.AsObject()));

    [Fact]
    public void Fields_UseDockersUnits()
    {
        var fields = StatsEntry.From("web", Stats()).Fields(truncate: true);
        Assert.Equal("0123456789ab", fields["ID"]!.ToString());
        Assert.Equal("web", fields["Name"]!.ToString());
        Assert.Equal("web", fields["Container"]!.ToString());
        Assert.Equal("20.00%", fields["CPUPerc"]!.ToString());
        Assert.Equal("1.5MiB / 7.637GiB", fields["MemUsage"]!.ToString());
        Assert.Equal("0.02%", fields["MemPerc"]!.ToString());
        Assert.Equal("1.23kB / 0B", fields["NetIO"]!.ToString());
        Assert.Equal("8.19kB / 1.5MB", fields["BlockIO"]!.ToString());
        Assert.Equal("3", fields["PIDs"]!.ToString());
    }

    [Fact]
    public void Fields_OfAStoppedContainerAreZeros_AndOfAnUnreadableOneDashes()
    {
        var stopped = JsonNode.Parse("""{"id":"0123456789abcdef","name":"/idle","memory_stats":{},"cpu_stats":{"cpu_usage":{}},"precpu_stats":{"cpu_usage":{}},"pids_stats":{}}""")!.AsObject();
        var fields = StatsEntry.From("idle", stopped).Fields(truncate: false);
        Assert.Equal(("0.00%", "0B / 0B", "0.00%", "0B / 0B", "0B / 0B", "0"),
            (fields["CPUPerc"]!.ToString(), fields["MemUsage"]!.ToString(), fields["MemPerc"]!.ToString(), fields["NetIO"]!.ToString(),
             fields["BlockIO"]!.ToString(), fields["PIDs"]!.ToString()));
        Assert.Equal("0123456789abcdef", fields["ID"]!.ToString());
        var invalid = StatsEntry.Invalid("gone").Fields(truncate: true);
        Assert.Equal(("--", "-- / --", "--", "--", "--", "--", "--"),
            (invalid["Name"]!.ToString(), invalid["MemUsage"]!.ToString(), invalid["CPUPerc"]!.ToString(), invalid["MemPerc"]!.ToString(),
             invalid["NetIO"]!.ToString(), invalid["BlockIO"]!.ToString(), invalid["PIDs"]!.ToString()));
    }

    [Fact]
    public void Frame_SendsTheCursorHomeAndClearsEachLineAndTheRest() =>
        Assert.Equal("\u001b[Ha\u001b[K\nb\u001b[K\n\u001b[J", StatsCommand.Frame("a\nb\n"));

    [Fact]
    public void EventLine_HasNanosecondsAndSortedAttributes()
    {
        var message = EventsCommand.Message(JsonNode.Parse("""
            {"status":"start","id":"abc","from":"alpine","Type":"container","Action":"start",
             "Actor":{"ID":"abc","Attributes":{"name":"web","image":"alpine","a":"1"}},"scope":"local","time":1796277600,"timeNano":1796277600123000000}
            """)!.AsObject());
        var line = EventsCommand.Line(message);
        Assert.EndsWith(" container start abc (a=1, image=alpine, name=web)\n", line);
        Assert.Equal("""{"status":"start","id":"abc","from":"alpine","Type":"container","Action":"start","Actor":{"ID":"abc","Attributes":{"a":"1","image":"alpine","name":"web"}},"scope":"local","time":1796277600,"timeNano":1796277600123000000}""",
            message.ToJsonString());
    }

    [Fact]
    public void EventMessage_LeavesOutEmptyDeprecatedFields() =>
        Assert.Equal("""{"Type":"network","Action":"connect","Actor":{"ID":"n1","Attributes":{"name":"none"}},"scope":"local","time":5,"timeNano":5000000000}""",
            EventsCommand.Message(JsonNode.Parse("""{"Type":"network","Action":"connect","Actor":{"ID":"n1","Attributes":{"name":"none"}},"scope":"local","time":5,"timeNano":5000000000}""")!.AsObject()).ToJsonString());

    [Fact]
    public void FixedNanoTime_PadsNanosecondsAndNamesTheZone()
    {
        Assert.Equal("2026-12-03T06:00:00.123456789Z", EventsCommand.FixedNanoTime(1796277600123456789, TimeZoneInfo.Utc));
        Assert.Equal("2026-12-03T06:00:00.000000000Z", EventsCommand.FixedNanoTime(1796277600000000000, TimeZoneInfo.Utc));
        var plusTwo = TimeZoneInfo.CreateCustomTimeZone("plus2", TimeSpan.FromHours(2), "plus2", "plus2");
        Assert.Equal("2026-12-03T08:00:00.000000050+02:00", EventsCommand.FixedNanoTime(1796277600000000050, plusTwo));
    }
}

/// <summary>Integers past 2^53 (an event's timeNano) print whole in templates.</summary>
public sealed class BigNumberTemplateTests
{
    [Fact]
    public void BigIntegers_PrintWhole()
    {
        Assert.Equal("1796281473334888871", Berth.Cli.Templates.Template.Parse("{{.n}}").Execute(JsonNode.Parse("""{"n":1796281473334888871}""")));
        var message = EventsCommand.Message(JsonNode.Parse("""{"Type":"container","Action":"start","Actor":{"ID":"a"},"time":1796281473,"timeNano":1796281473334888871}""")!.AsObject());
        Assert.Equal("1796281473334888871", Berth.Cli.Templates.Template.Parse("{{.TimeNano}}").Execute(EventsCommand.WithZeroValues(message)));
    }
}
