using Berth.CompatibilityTests.DockerdRuntime;
using Berth.CompatibilityTests.Harness;

namespace Berth.CompatibilityTests.Images;

/// <summary>Archives berthd saves load into a real dockerd 20.10 as the very image dockerd has, and the docker CLIs'
/// own `save` against berthd gives archives both daemons load.</summary>
[Collection(DockerdCollection.Name)]
public sealed class BerthSaveTests(DockerdFixture fixture) : IAsyncLifetime
{
    private readonly BerthdProcess _berthd = BerthdProcess.Start();
    private readonly string _work = Directory.CreateTempSubdirectory("berth-compat-berthsave-").FullName;
    private string _alpineId = "";

    private DockerCli Cli(string executable) => new(executable, _berthd.SocketPath, Path.Combine(_work, "config"));

    private Task<CommandResult> BerthAsync(params string[] args)
        => ProcessRunner.RunAsync(BerthdProcess.Binary("berth"), ["-H", "unix://" + _berthd.SocketPath, .. args], DockerCli.DefaultTimeout,
            new Dictionary<string, string?>(), null);

    private static async Task<string> IdAsync(DockerCli docker, string image)
        => (await docker.RunCheckedAsync("image", "inspect", "-f", "{{.Id}}", image)).Stdout.Trim();

    /// <summary>alpine:3.20 goes from dockerd into berthd through dockerd's own `docker save`.</summary>
    public async Task InitializeAsync()
    {
        var archive = Path.Combine(_work, "from-dockerd.tar");
        await fixture.Docker.RunCheckedAsync("save", "-o", archive, DockerdFixture.Image);
        await Cli(DockerdFixture.CurrentCliPath).RunCheckedAsync("load", "-q", "-i", archive);
        _alpineId = await IdAsync(fixture.Docker, DockerdFixture.Image);
    }

    [Fact]
    public async Task BerthSave_LoadsIntoDockerd_AsDockerdsOwnImage()
    {
        var tag = "berth-saved/alpine:berth-cli";
        await Cli(DockerdFixture.CurrentCliPath).RunCheckedAsync("tag", DockerdFixture.Image, tag);
        var archive = Path.Combine(_work, "berth.tar");
        var save = await BerthAsync("save", "-o", archive, tag);
        Assert.True(save.Succeeded, save.Describe());

        await LoadIntoDockerdAsync(archive, tag);
    }

    [Theory]
    [InlineData(DockerdFixture.CurrentCliPath)]
    [InlineData(DockerdFixture.DebianCliPath)]
    public async Task DockerCliSave_AgainstBerthd_LoadsIntoBerthdAndDockerd(string executable)
    {
        var docker = Cli(executable);
        var tag = $"berth-saved/alpine:{(executable == DockerdFixture.CurrentCliPath ? "docker-current" : "docker-debian")}";
        await docker.RunCheckedAsync("tag", DockerdFixture.Image, tag);
        var archive = Path.Combine(_work, "docker-cli.tar");
        await docker.RunCheckedAsync("save", "-o", archive, tag, DockerdFixture.Image);

        await docker.RunCheckedAsync("rmi", tag, DockerdFixture.Image);
        var load = await docker.RunCheckedAsync("load", "-i", archive);
        Assert.Contains($"Loaded image: {tag}", load.Stdout);
        Assert.Contains($"Loaded image: {DockerdFixture.Image}", load.Stdout);
        Assert.Equal(_alpineId, await IdAsync(docker, tag));

        await LoadIntoDockerdAsync(archive, tag);
    }

    private async Task LoadIntoDockerdAsync(string archive, string tag)
    {
        try
        {
            var load = await fixture.Docker.RunCheckedAsync("load", "-i", archive);
            Assert.Contains($"Loaded image: {tag}", load.Stdout);
            Assert.Equal(_alpineId, await IdAsync(fixture.Docker, tag));
            var history = await fixture.Docker.RunCheckedAsync("history", "-q", "--no-trunc", tag);
            Assert.StartsWith(_alpineId, history.Stdout);
        }
        finally
        {
            await fixture.Docker.RunAsync("rmi", tag);
        }
    }

    public Task DisposeAsync()
    {
        _berthd.Dispose();
        Directory.Delete(_work, recursive: true);
        return Task.CompletedTask;
    }
}
