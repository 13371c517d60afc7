using Berth.Daemon.Api.Handlers;
using Berth.Daemon.Containers.Store;

namespace Berth.UnitTests.Daemon.Containers;

/// <summary>The COMMAND of a list row as dockerd 20.10 writes it.</summary>
public sealed class ContainerSummaryTests
{
    private static string Command(string path, params string[] args) =>
        ContainerViews.Summary(new ContainerRecord { Path = path, Args = [.. args] }, DateTimeOffset.UtcNow).Command;

    [Fact]
    public void ArgumentsWithASpaceAreSingleQuoted() =>
        Assert.Equal("sh -c 'echo out; exit 3'", Command("sh", "-c", "echo out; exit 3"));

    [Fact]
    public void PlainArgumentsAreJoinedBySpaces() => Assert.Equal("sleep 1000", Command("sleep", "1000"));

    [Fact]
    public void NoArgumentsIsThePathAlone() => Assert.Equal("/bin/sh", Command("/bin/sh"));
}
