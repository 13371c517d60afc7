using System.Text;
using System.Text.Json;
using Berth.Oci.Image;

namespace Berth.UnitTests.Oci;

public sealed class ImageJsonTests
{
    private const string H1 = "1111111111111111111111111111111111111111111111111111111111111111";
    private const string H2 = "2222222222222222222222222222222222222222222222222222222222222222";
    private const string H3 = "3333333333333333333333333333333333333333333333333333333333333333";

    private static readonly string DockerV2S2 = $$$"""
        {
           "schemaVersion": 2,
           "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
           "config": {
              "mediaType": "application/vnd.docker.container.image.v1+json",
              "size": 1472,
              "digest": "sha256:{{{H1}}}"
           },
           "layers": [
              {
                 "mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
                 "size": 3623807,
                 "digest": "sha256:{{{H2}}}"
              },
              {
                 "mediaType": "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
                 "size": 55,
                 "digest": "sha256:{{{H3}}}",
                 "urls": ["https://example.com/layer"]
              }
           ]
        }
        """;

    [Fact]
    public void DockerV2S2Manifest_Reads()
    {
        var m = Manifest.Parse(Encoding.UTF8.GetBytes(DockerV2S2));
        Assert.Equal(MediaTypes.DockerManifest, m.MediaType);
        Assert.Equal(MediaTypes.DockerConfig, m.Config.MediaType);
        Assert.Equal(1472, m.Config.Size);
        Assert.Equal("sha256:" + H1, m.Config.Digest.ToString());
        Assert.Equal(2, m.Layers.Count);
        Assert.Equal(LayerCompression.Gzip, MediaTypes.LayerCompression(m.Layers[0].MediaType));
        Assert.True(MediaTypes.IsNondistributable(m.Layers[1].MediaType));
        Assert.Equal(["https://example.com/layer"], m.Layers[1].Urls!);
    }

    [Fact]
    public void Manifest_RefusesOtherSchemasAndIndexes()
    {
        Assert.Throws<JsonException>(() => Manifest.Parse(Encoding.UTF8.GetBytes(DockerV2S2.Replace("\"schemaVersion\": 2", "\"schemaVersion\": 1"))));
        Assert.Throws<JsonException>(() => Manifest.Parse(Encoding.UTF8.GetBytes(DockerV2S2.Replace("manifest.v2+json", "manifest.list.v2+json"))));
        Assert.Throws<JsonException>(() => Manifest.Parse("null"u8));
        Assert.Throws<JsonException>(() => Manifest.Parse("""{"schemaVersion":2,"layers":[]}"""u8));
    }

    [Fact]
    public void Reading_IgnoresUnknownFieldsButNotComments()
    {
        var withExtra = DockerV2S2.Replace("\"schemaVersion\": 2,", "\"schemaVersion\": 2, \"future\": {\"x\": [1]},");
        Assert.Equal(2, Manifest.Parse(Encoding.UTF8.GetBytes(withExtra)).Layers.Count);
        var withComment = DockerV2S2.Replace("\"schemaVersion\": 2,", "\"schemaVersion\": 2, // v2s2\n");
        Assert.Throws<JsonException>(() => Manifest.Parse(Encoding.UTF8.GetBytes(withComment)));
    }

    [Fact]
    public void Descriptor_RefusesBadDigests()
    {
        Assert.Throws<JsonException>(() => Manifest.Parse(Encoding.UTF8.GetBytes(DockerV2S2.Replace("sha256:" + H1, "sha256:abc"))));
        Assert.Throws<JsonException>(() => Manifest.Parse(Encoding.UTF8.GetBytes(DockerV2S2.Replace("sha256:" + H1, "sha512:" + H1))));
    }

    [Fact]
    public void Manifest_WritesSpecNamesAndOmitsNulls()
    {
        var m = new Manifest
        {
            MediaType = MediaTypes.OciManifest,
            Config = new Descriptor { MediaType = MediaTypes.OciConfig, Digest = Digest.Parse("sha256:" + H1), Size = 2 },
            Layers = [new Descriptor { MediaType = MediaTypes.OciLayerTarGzip, Digest = Digest.Parse("sha256:" + H2), Size = 3 }],
        };
        var json = JsonSerializer.Serialize(m, ImageJsonContext.ForWriting.Manifest);
        Assert.Equal(
            $$$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:{{{H1}}}","size":2},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:{{{H2}}}","size":3}]}""",
            json);
        Assert.Equal(m.Layers, Manifest.Parse(Encoding.UTF8.GetBytes(json)).Layers);
    }

    [Fact]
    public void ManifestList_PlatformMatching()
    {
        var json = $$$"""
            {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json","manifests":[
              {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"sha256:{{{H1}}}","size":1,"platform":{"architecture":"arm","os":"linux","variant":"v6"}},
              {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"sha256:{{{H2}}}","size":1,"platform":{"architecture":"arm","os":"linux","variant":"v7"}},
              {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"sha256:{{{H3}}}","size":1,"platform":{"architecture":"arm64","os":"linux","variant":"v8"}},
              {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:{{{H1}}}","size":1,"platform":{"architecture":"unknown","os":"unknown"}}
            ]}
            """;
        var index = ImageIndex.Parse(Encoding.UTF8.GetBytes(json));
        Assert.Equal(4, index.Manifests.Count);
        Assert.Equal(H2, PlatformMatcher.Select(index, new Platform { Os = "linux", Architecture = "arm", Variant = "v7" })!.Digest.Hex);
        Assert.Equal(H1, PlatformMatcher.Select(index, new Platform { Os = "linux", Architecture = "arm", Variant = "v6" })!.Digest.Hex);
        Assert.Equal(H1, PlatformMatcher.Select(index, new Platform { Os = "linux", Architecture = "arm" })!.Digest.Hex);
        Assert.Equal(H3, PlatformMatcher.Select(index, new Platform { Os = "linux", Architecture = "arm64" })!.Digest.Hex);
        Assert.Equal(H3, PlatformMatcher.Select(index, new Platform { Os = "linux", Architecture = "arm64", Variant = "v8" })!.Digest.Hex);
        Assert.Null(PlatformMatcher.Select(index, new Platform { Os = "linux", Architecture = "amd64" }));
        Assert.Null(PlatformMatcher.Select(index, new Platform { Os = "windows", Architecture = "arm64" }));
        Assert.Throws<JsonException>(() => ImageIndex.Parse(Encoding.UTF8.GetBytes(DockerV2S2)));
    }

    [Fact]
    public void DockerSaveManifest_Reads()
    {
        var json = $$$"""
            [{"Config":"blobs/sha256/{{{H1}}}","RepoTags":["alpine:3.20","localhost:5000/x:1"],
              "Layers":["blobs/sha256/{{{H2}}}","blobs/sha256/{{{H3}}}"],
              "LayerSources":{"sha256:{{{H3}}}":{"mediaType":"application/vnd.docker.image.rootfs.foreign.diff.tar.gzip","size":5,"digest":"sha256:{{{H3}}}","urls":["https://example.com/l"]} } },
             {"Config":"{{{H2}}}.json","RepoTags":null,"Layers":["{{{H3}}}/layer.tar"]}]
            """;
        var entries = DockerArchive.ParseManifest(Encoding.UTF8.GetBytes(json));
        Assert.Equal(2, entries.Count);
        Assert.Equal("blobs/sha256/" + H1, entries[0].Config);
        Assert.Equal(["alpine:3.20", "localhost:5000/x:1"], entries[0].RepoTags!);
        Assert.Equal(2, entries[0].Layers.Count);
        Assert.Equal(5, entries[0].LayerSources!["sha256:" + H3].Size);
        Assert.Null(entries[1].RepoTags);
        Assert.Null(entries[1].LayerSources);
        Assert.Equal(H3 + "/layer.tar", Assert.Single(entries[1].Layers));
    }

    [Fact]
    public void DockerSaveRepositories_Reads()
    {
        var repos = DockerArchive.ParseRepositories(Encoding.UTF8.GetBytes($$$"""{"alpine":{"3.20":"{{{H1}}}","latest":"{{{H1}}}"}}"""));
        Assert.Equal(H1, repos["alpine"]["3.20"]);
        Assert.Equal(2, repos["alpine"].Count);
    }

    [Fact]
    public void DockerBuiltConfig_Reads()
    {
        var json = $$$"""
            {"architecture":"arm64","variant":"v8","os":"linux","author":"me",
             "config":{"Hostname":"","Domainname":"","User":"app","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,
               "ExposedPorts":{"80/tcp":{},"53/udp":{}},"Tty":false,"OpenStdin":false,"StdinOnce":false,
               "Env":["PATH=/bin","A=b"],"Cmd":["nginx","-g","daemon off;"],
               "Healthcheck":{"Test":["CMD-SHELL","curl -f http://localhost/"],"Interval":30000000000,"Timeout":5000000000,"StartPeriod":1000000000,"StartInterval":2000000000,"Retries":3},
               "ArgsEscaped":true,"Image":"sha256:{{{H1}}}","Volumes":{"/data":{}},"WorkingDir":"/srv","Entrypoint":["/entry.sh"],
               "OnBuild":["RUN true"],"Labels":{"maintainer":"x"},"StopSignal":"SIGQUIT","Shell":["/bin/bash","-c"]},
             "container":"0123abcd","container_config":{"Cmd":["/bin/sh","-c","#(nop) CMD [\"nginx\"]"]},
             "created":"2024-05-01T12:34:56.123456789Z","docker_version":"24.0.7","parent":"sha256:{{{H2}}}","comment":"imported",
             "history":[{"created":"2024-05-01T12:34:56.123456789Z","created_by":"/bin/sh -c #(nop) CMD","empty_layer":true,"comment":"c","author":"a"},
                        {"created":"2024-05-01T12:30:00Z","created_by":"ADD file:x in /"}],
             "rootfs":{"type":"layers","diff_ids":["sha256:{{{H2}}}","sha256:{{{H3}}}"]}}
            """;
        var bytes = Encoding.UTF8.GetBytes(json);
        var c = ImageConfig.Parse(bytes);
        Assert.Equal("linux/arm64/v8", c.Platform.ToString());
        Assert.Equal("2024-05-01T12:34:56.123456789Z", c.Created);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 12, 34, 56, TimeSpan.Zero).AddTicks(1234567), c.CreatedTime);
        var cfg = c.Config!;
        Assert.Equal(["53/udp", "80/tcp"], cfg.ExposedPorts!.Keys.Order());
        Assert.Equal(["/data"], cfg.Volumes!.Keys);
        Assert.Equal(30_000_000_000, cfg.Healthcheck!.Interval);
        Assert.Equal(2_000_000_000, cfg.Healthcheck.StartInterval);
        Assert.Equal(3, cfg.Healthcheck.Retries);
        Assert.Equal(["CMD-SHELL", "curl -f http://localhost/"], cfg.Healthcheck.Test!);
        Assert.Equal("SIGQUIT", cfg.StopSignal);
        Assert.True(cfg.ArgsEscaped);
        Assert.Equal(["/bin/bash", "-c"], cfg.Shell!);
        Assert.Equal(["RUN true"], cfg.OnBuild!);
        Assert.Equal("0123abcd", c.Container);
        Assert.Equal("24.0.7", c.DockerVersion);
        Assert.Equal("sha256:" + H2, c.Parent);
        Assert.Equal("imported", c.Comment);
        Assert.Equal(3, c.ContainerConfig!.Cmd!.Count);
        Assert.Equal(2, c.RootFs.DiffIds.Count);
        Assert.True(c.History![0].EmptyLayer);
        Assert.Null(c.History[1].EmptyLayer);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 12, 30, 0, TimeSpan.Zero), c.History[1].CreatedTime);
        // The ID is of the bytes as received, whatever this type would write.
        Assert.Equal(Digest.Of(bytes), ImageConfig.IdOf(bytes));
    }

    [Fact]
    public void ContainerConfig_WritesGoFieldNamesAndEmptyObjects()
    {
        var cfg = new ContainerConfig
        {
            Env = ["A=b"],
            ExposedPorts = new() { ["80/tcp"] = new EmptyObject() },
            Healthcheck = new HealthConfig { Test = ["NONE"], Interval = 1_000_000_000 },
        };
        var config = new ImageConfig { Architecture = "amd64", Os = "linux", Config = cfg, RootFs = new RootFs { DiffIds = [Digest.Parse("sha256:" + H1)] } };
        var json = JsonSerializer.Serialize(config, ImageJsonContext.ForWriting.ImageConfig);
        Assert.Equal(
            $$$"""{"architecture":"amd64","os":"linux","config":{"ExposedPorts":{"80/tcp":{}},"Env":["A=b"],"Healthcheck":{"Test":["NONE"],"Interval":1000000000}},"rootfs":{"type":"layers","diff_ids":["sha256:{{{H1}}}"]}}""",
            json);
    }
}
