using Berth.Daemon.Events;

namespace Berth.UnitTests.Daemon.Events;

/// <summary>GET /events filters with dockerd 20.10's matching rules and decoder errors.</summary>
public sealed class EventFilterTests
{
    private static EventMessage Event(string type, string action, string id, params (string Key, string Value)[] attributes) => new()
    {
        Type = type, Action = action, Scope = "local",
        Actor = new EventActor { Id = id, Attributes = new SortedDictionary<string, string>(attributes.ToDictionary(a => a.Key, a => a.Value), StringComparer.Ordinal) },
    };

    private static readonly EventMessage ContainerStart = Event(EventTypes.Container, "start", "4f2a9c0d11", ("name", "web"), ("image", "alpine:3.20"), ("tier", "front"));
    private static readonly EventMessage ImageTag = Event(EventTypes.Image, "tag", "sha256:abcd", ("name", "foo/bar:v1"));

    [Theory]
    [InlineData("""{"type":{"container":true}}""", true, false)]
    [InlineData("""{"type":["image"]}""", false, true)]
    [InlineData("""{"event":{"start":true,"tag":true}}""", true, true)]
    [InlineData("""{"container":{"4f2a":true}}""", true, false)]
    [InlineData("""{"container":{"we":true}}""", true, false)]
    [InlineData("""{"image":{"alpine":true}}""", true, false)]
    [InlineData("""{"image":{"foo/bar":true}}""", false, true)]
    [InlineData("""{"image":{"sha256:abcd":true}}""", false, true)]
    [InlineData("""{"label":{"tier=front":true}}""", true, false)]
    [InlineData("""{"label":{"tier":true}}""", true, false)]
    [InlineData("""{"label":{"tier=back":true}}""", false, false)]
    [InlineData("""{"scope":{"swarm":true}}""", false, false)]
    [InlineData("""{"daemon":{"x":true}}""", false, false)]
    [InlineData("""{"bogus":{"x":true}}""", true, true)]
    public void Includes_MatchesAsDockerd(string json, bool container, bool image)
    {
        var filter = EventFilter.Parse(json);
        Assert.Equal((container, image), (filter.Includes(ContainerStart), filter.Includes(ImageTag)));
    }

    [Fact]
    public void Includes_BareExecStartMatchesTheCommandSuffixedAction()
    {
        var exec = Event(EventTypes.Container, "exec_start: sh -c ls", "c1");
        Assert.True(EventFilter.Parse("""{"event":{"exec_start":true}}""").Includes(exec));
        Assert.False(EventFilter.Parse("""{"event":{"exec_die":true}}""").Includes(exec));
    }

    [Theory]
    [InlineData("[]", "json: cannot unmarshal array into Go value of type map[string]map[string]bool")]
    [InlineData("""{"type":7}""", "json: cannot unmarshal number into Go value of type map[string]bool")]
    public void Parse_RefusesWhatGoCannotDecode(string json, string message)
    {
        var e = Assert.Throws<FilterDecodeError>(() => EventFilter.Parse(json));
        Assert.Equal((500, message), (e.StatusCode, e.Message));
    }

    [Fact]
    public void Parse_BadJsonIsA500() => Assert.Equal(500, Assert.Throws<FilterDecodeError>(() => EventFilter.Parse("nope")).StatusCode);
}
