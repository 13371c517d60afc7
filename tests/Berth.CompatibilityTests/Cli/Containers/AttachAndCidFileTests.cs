using System.Text.RegularExpressions;
using Berth.CompatibilityTests.DockerdRuntime;

namespace Berth.CompatibilityTests.Cli.Containers;

/// <summary>run/create -a (which streams reach the client) and --cidfile (the id written; an existing file refused).</summary>
public sealed partial class AttachAndCidFileTests(DockerdFixture fixture) : CliComparison(fixture), IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("berth-cidfile-").FullName;

    public static TheoryData<string[]> AttachLines => new()
    {
        { ["run", "--rm", "-a", "stdout", "--network", "none", Image, "sh", "-c", "echo out; echo err >&2; exit 2"] },
        { ["run", "--rm", "-a", "STDERR", "--network", "none", Image, "sh", "-c", "echo out; echo err >&2"] },
        { ["run", "--rm", "--attach", "stdout", "-a", "stderr", "--network", "none", Image, "sh", "-c", "echo out"] },
        { ["run", "-a", "stdio", Image, "true"] },
        { ["run", "-d", "-a", "stdout", Image, "true"] },
        { ["create", "-a", "nothing", Image] },
    };

    [Theory]
    [MemberData(nameof(AttachLines))]
    public Task Attach_SeparatesTheStreamsLikeDocker(string[] arguments) => CompareAsync(arguments);

    [Theory]
    [InlineData("run")]
    [InlineData("create")]
    public async Task CidFile_HoldsTheIdAndAnExistingOneIsRefused(string verb)
    {
        var dockerName = NewName("docker");
        var berthName = NewName("berth");
        string[] arguments = [verb, "--name", "{name}", "--cidfile", Path.Combine(_directory, "{name}"), "--network", "none", Image, "true"];
        await CompareAsync(arguments, null, dockerName, berthName);
        foreach (var name in new[] { dockerName, berthName })
            Assert.Matches(IdPattern(), await File.ReadAllTextAsync(Path.Combine(_directory, name)));
        await CompareAsync([verb, "--cidfile", Path.Combine(_directory, "{name}"), "--network", "none", Image, "true"], null, dockerName, berthName);
    }

    [Fact]
    public async Task CidFile_IsRemovedWhenCreatingFails()
    {
        await CompareAsync(["create", "--cidfile", Path.Combine(_directory, "{name}"), "--network", "none", "berth-no-such-image"], null, "docker.cid", "berth.cid");
        Assert.Empty(Directory.GetFiles(_directory));
    }

    /// <summary>Removes the files.</summary>
    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex IdPattern();
}
