using System.Text.Json.Nodes;
using Berth.Cli.Commands.Containers;
using Berth.Cli.Output;

namespace Berth.UnitTests.Cli.Containers;

/// <summary>ps rows, Go quoting, docker inspect's indentation, since/until timestamps and exit-status rules.</summary>
public sealed class ContainerTextTests
{
    [Theory]
    [InlineData("sh -c 'exit 3'", "\"sh -c 'exit 3'\"")]
    [InlineData("echo \"a\"\tb\\", "\"echo \\\"a\\\"\\tb\\\\\"")]
    [InlineData("é\u0001", "\"é\\x01\"")]
    public void Quote_IsGoStrconvQuote(string text, string expected) => Assert.Equal(expected, GoQuote.Quote(text));

    [Fact]
    public void Ellipsis_CutsToTheWidthWithAnEllipsis()
    {
        Assert.Equal("sh -c 'echo hi; sle…", GoQuote.Ellipsis("sh -c 'echo hi; sleep 1000'", 20));
        Assert.Equal("short", GoQuote.Ellipsis("short", 20));
    }

    [Fact]
    public void PsRow_TruncatesAndFormatsAsDocker()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_000_100);
        var container = JsonNode.Parse("""
            {"Id":"3fe0618fe20664a06f69335e754286d9b3af277f6879c9401ea3d73f8a7b7535","Names":["/r1","/other/alias"],
             "Image":"alpine@sha256:abc","ImageID":"sha256:2188c89a484c4b3f","Command":"sh -c 'echo hi; sleep 1000'",
             "Created":1000000,"Ports":[{"PrivatePort":80,"Type":"tcp"},{"IP":"0.0.0.0","PrivatePort":80,"PublicPort":8080,"Type":"tcp"}],
             "SizeRw":22,"SizeRootFs":7797760,"Labels":{"a":"b"},"State":"running","Status":"Up 2 minutes",
             "NetworkSettings":{"Networks":{"none":{}}},"Mounts":[]}
            """)!.AsObject();
        var row = PsCommand.Row(container, trunc: true, now);
        Assert.Equal("3fe0618fe206", row["ID"]!.ToString());
        Assert.Equal("alpine", row["Image"]!.ToString());
        Assert.Equal("\"sh -c 'echo hi; sle…\"", row["Command"]!.ToString());
        Assert.Equal("About a minute ago", row["RunningFor"]!.ToString());
        Assert.Equal("r1", row["Names"]!.ToString());
        Assert.Equal("80/tcp, 0.0.0.0:8080->80/tcp", row["Ports"]!.ToString());
        Assert.Equal("22B (virtual 7.8MB)", row["Size"]!.ToString());
        Assert.Equal("none", row["Networks"]!.ToString());
        Assert.Equal("1970-01-12 13:46:40 +0000 UTC", row["CreatedAt"]!.ToString());
        Assert.Equal("r1,other/alias", PsCommand.Row(container, trunc: false, now)["Names"]!.ToString());
    }

    [Fact]
    public void JsonIndent_IsGoIndentWithFourSpaces()
    {
        Assert.Equal("[]", JsonIndent.Indent("[]"));
        Assert.Equal("[\n    {\n        \"a\": [],\n        \"b\": {},\n        \"c\": [\n            1,\n            \"x:,{\\\"\"\n        ]\n    }\n]",
            JsonIndent.Indent("[{\"a\":[],\"b\":{},\"c\":[1,\"x:,{\\\"\"]}]"));
    }

    [Fact]
    public void Timestamps_TakeDurationsDatesAndUnixSeconds()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_000_000);
        Assert.Equal("999400", Timestamps.Parse("10m", now));
        Assert.Equal("1700000000", Timestamps.Parse("1700000000", now));
        Assert.Equal("1700000000.000000000", Timestamps.Parse("2023-11-14T22:13:20Z", now));
    }

    [Theory]
    [InlineData("exec: \"x\": executable file not found in $PATH", 127)]
    [InlineData("exec: \"/etc\": permission denied", 126)]
    [InlineData("Conflict. The container name is already in use", 125)]
    public void RunFailures_MapToDockersStatuses(string message, int status) => Assert.Equal(status, RunCommand.StatusFor(message));

    [Theory]
    [InlineData("alpine", "alpine:latest")]
    [InlineData("docker.io/library/alpine:3", "alpine:3")]
    [InlineData("localhost:5000/x", "localhost:5000/x:latest")]
    [InlineData("x@sha256:ab", "x@sha256:ab")]
    public void ImageReference_AddsLatest(string reference, string expected) => Assert.Equal(expected, ImageReference.WithTag(reference));
}
