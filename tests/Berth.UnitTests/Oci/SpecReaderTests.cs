using System.Text;
using System.Text.Json;
using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Bundle;

namespace Berth.UnitTests.Oci;

public sealed class SpecReaderTests
{
    private static string ViaStj(string json)
        => JsonSerializer.Serialize(JsonSerializer.Deserialize(json, OciJsonContext.Default.Spec)!, OciJsonContext.Default.Spec);

    private static string ViaReader(string json)
        => JsonSerializer.Serialize(SpecReader.Parse(Encoding.UTF8.GetBytes(json)), OciJsonContext.Default.Spec);

    public static TheoryData<string> Documents() => new()
    {
        JsonSerializer.Serialize(DefaultSpec.Create(), OciJsonContext.Default.Spec),
        SpecFixtures.Rich,
        SpecFixtures.WithComments,
        SpecFixtures.WithUnknown,
        SpecFixtures.Edgy,
        "{}",
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Parse_GivesWhatTheStjContextGives(string json)
        => Assert.Equal(ViaStj(json), ViaReader(json));

    [Fact]
    public void Parse_ReadsEveryPropertyOfTheRichFixture()
    {
        // The equivalence test alone would pass if both sides dropped a property; make sure nothing got lost.
        var written = ViaReader(SpecFixtures.Rich);
        using var original = JsonDocument.Parse(SpecFixtures.Rich);
        using var roundTripped = JsonDocument.Parse(written);
        var expected = Paths(original.RootElement, "$");
        var actual = Paths(roundTripped.RootElement, "$");
        Assert.Empty(expected.Except(actual));
        Assert.Empty(actual.Except(expected));

        static SortedSet<string> Paths(JsonElement e, string at)
        {
            var paths = new SortedSet<string>(StringComparer.Ordinal) { at };
            if (e.ValueKind == JsonValueKind.Object)
                foreach (var p in e.EnumerateObject()) paths.UnionWith(Paths(p.Value, $"{at}.{p.Name}"));
            else if (e.ValueKind == JsonValueKind.Array)
                foreach (var (item, i) in e.EnumerateArray().Select((item, i) => (item, i))) paths.UnionWith(Paths(item, $"{at}[{i}]"));
            return paths;
        }
    }

    [Fact]
    public void Parse_KeepsInitializersOfAbsentProperties()
    {
        var spec = SpecReader.Parse("""{"process":{"args":["x"]},"root":{}}"""u8);
        Assert.Equal(SpecVersion.Current, spec.OciVersion);
        Assert.Equal("/", spec.Process!.Cwd);
        Assert.NotNull(spec.Process.User);
        Assert.Equal("", spec.Root!.Path);
        Assert.Null(spec.Linux);
    }

    [Fact]
    public void Parse_LastDuplicateWinsAndNullsStayNull()
    {
        var spec = SpecReader.Parse(Encoding.UTF8.GetBytes(SpecFixtures.Edgy));
        Assert.Equal("1.2.1", spec.OciVersion);
        Assert.Equal(["Y=2"], spec.Process!.Env!);
        Assert.Null(spec.Process.User);
        Assert.Null(spec.Process.Cwd);
        Assert.Equal(["a", null!, "b"], spec.Process.Args!);
        Assert.Equal("escaped name", spec.Process.ApparmorProfile);
        Assert.Equal("2", spec.Annotations!["a"]);
    }

    [Fact]
    public void ReadProcessAndReadResources_MatchTheStjContext()
    {
        const string process = """{"args":["sh"],"user":{"uid":1,"gid":2,"additionalGids":[3]},"cwd":"/x","unknown":[{}],"rlimits":[{"type":"RLIMIT_NOFILE","hard":1,"soft":1}]}""";
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(process));
        Assert.Equal(
            JsonSerializer.Serialize(JsonSerializer.Deserialize(process, OciJsonContext.Default.Process)!, OciJsonContext.Default.Process),
            JsonSerializer.Serialize(SpecReader.ReadProcess(ref reader), OciJsonContext.Default.Process));
        Assert.Equal(JsonTokenType.EndObject, reader.TokenType);

        using var rich = JsonDocument.Parse(SpecFixtures.Rich);
        var resources = rich.RootElement.GetProperty("linux").GetProperty("resources").GetRawText();
        reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(resources));
        Assert.Equal(
            JsonSerializer.Serialize(JsonSerializer.Deserialize(resources, OciJsonContext.Default.LinuxResources)!, OciJsonContext.Default.LinuxResources),
            JsonSerializer.Serialize(SpecReader.ReadResources(ref reader), OciJsonContext.Default.LinuxResources));
    }

    [Fact]
    public void ParseProcessAndParseResources_GiveNullForAJsonNull()
    {
        Assert.Null(SpecReader.ParseProcess("null"u8));
        Assert.Null(SpecReader.ParseResources(" null "u8));
    }

    [Fact]
    public void SpecWriteContext_WritesWhatOciJsonContextWrites()
    {
        var spec = SpecReader.Parse(Encoding.UTF8.GetBytes(SpecFixtures.Rich));
        Assert.Equal(
            JsonSerializer.Serialize(spec, OciJsonContext.Default.Spec),
            JsonSerializer.Serialize(spec, SpecWriteContext.Default.Spec));
    }

    private static string Fails(string json)
    {
        var message = Assert.Throws<JsonException>(() => SpecReader.Parse(Encoding.UTF8.GetBytes(json))).Message;
        Assert.DoesNotContain('\n', message);
        // The STJ context must reject the same documents.
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, OciJsonContext.Default.Spec));
        return message;
    }

    [Fact]
    public void Parse_RejectsNullForAnUnsignedNumber()
    {
        var message = Fails("{\n\"process\": {\n\"user\": {\"uid\": null}}}");
        Assert.Equal("the JSON value at $.process.user.uid could not be read as a 32-bit unsigned number: it is null (line 3)", message);
    }

    [Fact]
    public void Parse_RejectsAStringForANumber()
        => Assert.Contains("$.linux.resources.memory.limit could not be read as a 64-bit signed number: it is a string",
            Fails("""{"linux":{"resources":{"memory":{"limit":"512m"}}}}"""));

    [Fact]
    public void Parse_RejectsANumberOutOfRange()
        => Assert.Contains("$.process.user.uid could not be read as a 32-bit unsigned number: it is out of range",
            Fails("""{"process":{"user":{"uid":5000000000}}}"""));

    [Fact]
    public void Parse_RejectsNegativeAndFractionalNumbersForUnsigned()
    {
        Assert.Contains("$.linux.uidMappings[1].hostID", Fails("""{"linux":{"uidMappings":[{"hostID":1},{"hostID":-1}]}}"""));
        Assert.Contains("$.process.rlimits[0].soft", Fails("""{"process":{"rlimits":[{"soft":1.5}]}}"""));
    }

    [Fact]
    public void Parse_RejectsTheWrongTokenKind()
    {
        Assert.Contains("$.process.args could not be read as an array: it is a string", Fails("""{"process":{"args":"sh -c true"}}"""));
        Assert.Contains("$.process.terminal could not be read as a boolean: it is a number", Fails("""{"process":{"terminal":1}}"""));
        Assert.Contains("$.root could not be read as an object: it is an array", Fails("""{"root":[]}"""));
        Assert.Contains("$.process.env[1] could not be read as a string: it is a number", Fails("""{"process":{"env":["A=1",2]}}"""));
        Assert.Contains("$.annotations.key could not be read as a string: it is an object", Fails("""{"annotations":{"key":{}}}"""));
        Assert.Contains("$.linux.seccomp.syscalls[0].args[0].index", Fails("""{"linux":{"seccomp":{"syscalls":[{"args":[{"index":true}]}]}}}"""));
    }

    [Fact]
    public void Parse_RejectsATruncatedDocument()
    {
        var message = Fails("""{"process":{"args":["sh","-c" """);
        Assert.StartsWith("the JSON at $.process.args[1] is not valid (line 1)", message);
    }

    [Fact]
    public void Parse_RejectsATrailingComma()
    {
        var message = Fails("{\"process\":{\"user\":{\"uid\":1,},\n\"cwd\":\"/\"}}");
        Assert.StartsWith("the JSON at $.process.user.uid is not valid (line 1)", message);
    }

    [Fact]
    public void Parse_RejectsAJsonNullAndTrailingContent()
    {
        Assert.Throws<JsonException>(() => SpecReader.Parse("null"u8));
        Assert.Throws<JsonException>(() => SpecReader.Parse("{} {}"u8));
        Assert.Throws<JsonException>(() => SpecReader.Parse(""u8));
    }

    [Fact]
    public void Read_FromAReaderNamesThePathWithoutALine()
    {
        var message = Assert.Throws<JsonException>(() =>
        {
            var reader = new Utf8JsonReader("""{"linux":{"namespaces":[{"type":"pid"},{"type":7}]}}"""u8);
            SpecReader.Read(ref reader);
        }).Message;
        Assert.Equal("the JSON value at $.linux.namespaces[1].type could not be read as a string: it is a number", message);
    }
}
