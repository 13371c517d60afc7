using Berth.Daemon.Containers.Stats;

namespace Berth.UnitTests.Daemon.Stats;

/// <summary>ps output parsing and argument checks as dockerd 20.10's top does them.</summary>
public sealed class ContainerTopTests
{
    private const string Ps = """
        UID          PID    PPID  C STIME TTY          TIME CMD
        root           1       0  0 17:00 ?        00:00:01 /sbin/init
        root        5568    5548 38 17:58 ?        00:00:01 sh -c while :; do :; done
        root        5600    5568  0 17:58 ?        00:00:00 sleep 5

        """;

    [Fact]
    public void ParseOutput_KeepsTheContainersRowsAndJoinsTheCommand()
    {
        var top = ContainerTop.ParseOutput(Ps, [5568, 5600]);
        Assert.Equal(["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"], top.Titles);
        Assert.Equal(2, top.Processes.Count);
        Assert.Equal(["root", "5568", "5548", "38", "17:58", "?", "00:00:01", "sh -c while :; do :; done"], top.Processes[0]);
    }

    [Fact]
    public void ParseOutput_KeepsThreadRowsAfterTheirProcess()
    {
        var top = ContainerTop.ParseOutput("  PID   LWP CMD\n  7     -   app\n    -     8 -\n", [7]);
        Assert.Equal(2, top.Processes.Count);
    }

    [Fact]
    public void ParseOutput_NeedsAPidColumn()
        => Assert.Equal("Couldn't find PID field in ps output", Assert.Throws<TopError>(() => ContainerTop.ParseOutput("USER CMD\nroot x\n", [1])).Message);

    [Theory]
    [InlineData("-o x=PID", "specifying \"x=PID\" is not allowed")]
    [InlineData("-o pid,comm -o foo=PIDX", "specifying \"foo=PIDX\" is not allowed")]
    public void ValidateArgs_RefusesRenamingThePidColumn(string args, string message)
        => Assert.Equal(message, Assert.Throws<TopError>(() => ContainerTop.ValidateArgs(args)).Message);

    [Fact]
    public void ValidateArgs_AllowsPidEquals() => ContainerTop.ValidateArgs("-o pid=PID,comm");

    [Fact]
    public async Task RunAsync_ListsOnlyTheGivenProcesses()
    {
        var top = await ContainerTop.RunAsync("-o pid,comm", [Environment.ProcessId]);
        Assert.Equal(["PID", "COMMAND"], top.Titles);
        Assert.Equal(Environment.ProcessId.ToString(), Assert.Single(top.Processes)[0]);
    }

    [Fact]
    public async Task RunAsync_ReportsPsErrorsAsDockerd()
        => Assert.StartsWith("ps: error: unknown gnu long option", (await Assert.ThrowsAsync<TopError>(() => ContainerTop.RunAsync("--bogus", [1]))).Message);
}
