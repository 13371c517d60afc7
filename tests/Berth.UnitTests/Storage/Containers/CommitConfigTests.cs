using System.Text;
using System.Text.Json;
using Berth.Oci.Image;
using Berth.Storage.Containers;

namespace Berth.UnitTests.Storage.Containers;

public sealed class CommitConfigTests
{
    private static readonly byte[] Parent = Encoding.UTF8.GetBytes("""
        {"architecture":"arm64","variant":"v8","os":"linux","config":{"Cmd":["/bin/sh"]},
         "history":[{"created":"2024-01-01T00:00:00Z","created_by":"/bin/sh -c #(nop) ADD file:x in / "},{"created":"2024-01-01T00:00:01Z","created_by":"CMD","empty_layer":true}],
         "rootfs":{"type":"layers","diff_ids":["sha256:1111111111111111111111111111111111111111111111111111111111111111"]}}
        """);

    private static CommitRequest Request(string? comment = "m", string? author = "me <m@x>") => new()
    {
        UpperDir = "/unused",
        Config = """{"Cmd":["/bin/sh"]}"""u8.ToArray(),
        ContainerConfig = """{"Cmd":["sh","-c","echo hi > /x"],"Entrypoint":["/init"]}"""u8.ToArray(),
        ContainerId = "abc",
        Comment = comment,
        Author = author,
        DockerVersion = "20.10.24",
    };

    private static JsonElement Build(Digest? diffId, CommitRequest request)
        => JsonDocument.Parse(CommitConfig.Build(Parent, diffId, request, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero))).RootElement;

    [Fact]
    public void Build_AddsTheLayerAndAHistoryEntryFromTheContainersCmd()
    {
        var diffId = Digest.Parse("sha256:" + new string('2', 64));

        var config = Build(diffId, Request());

        Assert.Equal(["architecture", "author", "config", "container", "container_config", "created", "docker_version", "history", "os", "rootfs", "variant"],
            config.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("arm64", "v8", "2026-01-02T03:04:05Z"),
            (config.GetProperty("architecture").GetString(), config.GetProperty("variant").GetString(), config.GetProperty("created").GetString()));
        Assert.Equal(["sha256:" + new string('1', 64), diffId.ToString()],
            config.GetProperty("rootfs").GetProperty("diff_ids").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("""{"created":"2026-01-02T03:04:05Z","author":"me <m@x>","created_by":"sh -c echo hi > /x","comment":"m"}""",
            config.GetProperty("history")[2].GetRawText());
        Assert.Equal("""{"Cmd":["sh","-c","echo hi > /x"],"Entrypoint":["/init"]}""", config.GetProperty("container_config").GetRawText());
    }

    [Fact]
    public void Build_OfAnEmptyDiff_AddsNoLayerAndMarksTheEntryEmpty()
    {
        var config = Build(null, Request(comment: null, author: null));

        Assert.Single(config.GetProperty("rootfs").GetProperty("diff_ids").EnumerateArray());
        Assert.Equal("""{"created":"2026-01-02T03:04:05Z","created_by":"sh -c echo hi > /x","empty_layer":true}""",
            config.GetProperty("history")[2].GetRawText());
        Assert.False(config.TryGetProperty("author", out _));
    }
}
