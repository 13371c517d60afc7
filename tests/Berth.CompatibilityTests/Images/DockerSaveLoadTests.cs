using System.Text.Json;
using Berth.CompatibilityTests.DockerdRuntime;
using Berth.CompatibilityTests.Harness;

namespace Berth.CompatibilityTests.Images;

/// <summary>A `docker save` tarball made by a real dockerd loads into berthd as the same image: ID, names, config,
/// layers and size as dockerd reports them.</summary>
[Collection(DockerdCollection.Name)]
public sealed class DockerSaveLoadTests(DockerdFixture fixture) : IDisposable
{
    private readonly BerthdProcess _berthd = BerthdProcess.Start();
    private readonly string _work = Directory.CreateTempSubdirectory("berth-compat-save-").FullName;

    [Fact]
    public async Task DockerSaveOfAlpine_LoadsIntoBerthdWithWhatDockerdReports()
    {
        var archive = Path.Combine(_work, "alpine.tar");
        await fixture.Docker.RunCheckedAsync("save", "-o", archive, DockerdFixture.Image);
        var berth = new DockerCli(DockerdFixture.CurrentCliPath, _berthd.SocketPath, Path.Combine(_work, "config"));
        var load = await berth.RunCheckedAsync("load", "-i", archive);
        Assert.Contains("Loaded image: alpine:3.20", load.Stdout);

        var expected = await InspectAsync(fixture.Docker);
        var actual = await InspectAsync(berth);
        foreach (var field in new[] { "Id", "RepoTags", "Config", "RootFS", "Size", "Architecture", "Os", "Created", "Author", "Comment" })
            Assert.True(JsonElement.DeepEquals(expected.GetProperty(field), actual.GetProperty(field)),
                $"{field}: dockerd {expected.GetProperty(field)} / berthd {actual.GetProperty(field)}");
    }

    private static async Task<JsonElement> InspectAsync(DockerCli docker)
    {
        var result = await docker.RunCheckedAsync("image", "inspect", DockerdFixture.Image);
        return JsonDocument.Parse(result.Stdout).RootElement[0].Clone();
    }

    public void Dispose()
    {
        _berthd.Dispose();
        Directory.Delete(_work, recursive: true);
    }
}
