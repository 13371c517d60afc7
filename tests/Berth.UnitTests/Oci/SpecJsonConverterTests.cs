using System.Text;
using System.Text.Json;
using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Bundle;
using Berth.Runtime.Init;
using Berth.Runtime.State;

namespace Berth.UnitTests.Oci;

public sealed class SpecJsonConverterTests
{
    private static string Canonical(Spec spec) => JsonSerializer.Serialize(spec, OciJsonContext.Default.Spec);

    [Fact]
    public void InitRequest_RoundTripsItsSpec()
    {
        var spec = SpecReader.Parse(Encoding.UTF8.GetBytes(SpecFixtures.Rich));
        var request = new InitRequest { Id = "c1", Spec = spec, Rootfs = "/r", FifoFd = 5, StateJson = "{\"id\":\"c1\"}" };

        var json = JsonSerializer.Serialize(request, RuntimeJsonContext.Default.InitRequest);
        var back = JsonSerializer.Deserialize(json, RuntimeJsonContext.Default.InitRequest)!;

        Assert.Equal(Canonical(spec), Canonical(back.Spec));
        Assert.Equal("c1", back.Id);
        Assert.Equal(5, back.FifoFd);
        Assert.Equal("{\"id\":\"c1\"}", back.StateJson);
        // The spec is embedded as an object in the shape OciJsonContext writes, not as a string.
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(Canonical(spec), doc.RootElement.GetProperty("spec").GetRawText());
    }

    [Fact]
    public void ContainerRecord_RoundTripsItsSpec()
    {
        var record = new ContainerRecord
        {
            Id = "c2",
            Bundle = "/b",
            InitPid = 42,
            Created = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            CgroupPaths = new() { [""] = "/sys/fs/cgroup/berth/c2" },
            Spec = DefaultSpec.Create(),
        };

        var json = JsonSerializer.Serialize(record, RuntimeJsonContext.Default.ContainerRecord);
        var back = JsonSerializer.Deserialize(json, RuntimeJsonContext.Default.ContainerRecord)!;

        Assert.Equal(Canonical(record.Spec), Canonical(back.Spec));
        Assert.Equal(42, back.InitPid);
        Assert.Equal(record.Created, back.Created);
        Assert.Equal(json, JsonSerializer.Serialize(back, RuntimeJsonContext.Default.ContainerRecord));
    }

    [Fact]
    public void ContainerRecord_WithANullSpecReadsAsNull()
    {
        var back = JsonSerializer.Deserialize("""{"id":"x","spec":null}""", RuntimeJsonContext.Default.ContainerRecord)!;
        Assert.Null(back.Spec);
    }

    [Fact]
    public void InitRequest_ReportsTheSpecPathOfABadValue()
    {
        var e = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(
            """{"id":"x","spec":{"process":{"user":{"uid":-1}}}}""", RuntimeJsonContext.Default.InitRequest));
        Assert.Contains("$.process.user.uid", e.Message);
    }
}
