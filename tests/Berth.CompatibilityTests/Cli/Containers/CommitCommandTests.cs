using Berth.CompatibilityTests.DockerdRuntime;

namespace Berth.CompatibilityTests.Cli.Containers;

/// <summary>commit of one container by both clients, then the images they made, inspected and listed by both.</summary>
public sealed class CommitCommandTests(DockerdFixture fixture) : CliComparison(fixture)
{
    [Fact]
    public async Task Commit_WithMessageAuthorChangesAndTag_MakesTheSameImage()
    {
        var container = NewName("commit");
        await Fixture.Docker.RunCheckedAsync("run", "-d", "--name", container, "--network", "none", Image, "sleep", "1000");
        await Fixture.Docker.RunCheckedAsync("exec", container, "sh", "-c", "echo changed > /etc/motd; mkdir /added");
        var (dockerImage, berthImage) = ($"cli-commit-docker-{Guid.NewGuid():N}"[..30], $"cli-commit-berth-{Guid.NewGuid():N}"[..29]);
        try
        {
            await CompareAsync(["commit", "-m", "a message", "-a", "Someone <someone@example.com>", "-c", "ENV X=1", "-c", "LABEL k=v",
                "-c", "CMD [\"sh\", \"-c\", \"echo hi\"]", "-c", "WORKDIR /added", container, "{name}:t1"], null, dockerImage, berthImage);
            await CompareAsync(["commit", "--pause=false", container, "{name}"], null, dockerImage, berthImage);
            await CompareAsync(["image", "inspect", "--format",
                "{{.Author}}|{{.Comment}}|{{json .Config.Env}}|{{json .Config.Cmd}}|{{json .Config.Labels}}|{{.Config.WorkingDir}}|{{json .RepoTags}}",
                "{name}:t1"], null, dockerImage, berthImage);
            await CompareAsync(["image", "inspect", "--format", "{{.Comment}}|{{json .RepoTags}}|{{json .Config.Cmd}}", "{name}"], null, dockerImage, berthImage);
            await CompareAsync(["history", "{name}:t1"], null, dockerImage, berthImage);
            await CompareAsync(["history", "--no-trunc", "--format", "{{.CreatedBy}}|{{.Size}}|{{.Comment}}", "{name}:t1"], null, dockerImage, berthImage);
        }
        finally
        {
            await Fixture.Docker.RunAsync("rmi", $"{dockerImage}:t1", dockerImage, $"{berthImage}:t1", berthImage);
        }
    }

    public static TheoryData<string[]> Failures => new()
    {
        { ["commit"] }, { ["commit", "a", "b", "c"] }, { ["commit", "berth-nosuch"] }, { ["commit", "berth-nosuch", "BAD:x"] },
        { ["commit", "berth-nosuch", "repo@sha256:" + new string('a', 64)] }, { ["commit", "--pause=maybe", "x"] },
        { ["container", "commit", "-x", "berth-nosuch"] },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public Task Failures_AgreeWithDocker(string[] arguments) => CompareAsync(arguments);

    [Fact]
    public async Task UnknownChangeInstruction_IsTheDaemonsError()
    {
        var container = NewName("commit");
        await Fixture.Docker.RunCheckedAsync("create", "--name", container, "--network", "none", Image, "true");
        await CompareAsync(["commit", "-c", "BOGUS x", container]);
    }
}
