using System.Text.Json.Nodes;
using Berth.Cli.Templates;

namespace Berth.UnitTests.Cli;

/// <summary>The Go-template subset: fields, functions, control flow, errors and tables.</summary>
public sealed class TemplateTests
{
    private static readonly JsonNode Data = JsonNode.Parse("""
        {"Client": {"Version": "0.1.0", "ApiVersion": "1.47", "Os": "linux"},
         "Server": {"Version": "0.2.0", "Components": [{"Name": "Engine", "Details": {"GitCommit": "abc"}}]},
         "Names": ["a", "b", "c"], "Count": 3, "Empty": "", "Flag": true, "Nothing": null,
         "Labels": {"z": "1", "a": "2"}}
        """)!;

    private static string Run(string template) => Template.Parse(template).Execute(Data);

    [Theory]
    [InlineData("{{.Server.Version}}", "0.2.0")]
    [InlineData("{{.Client.Version}} on {{.Client.Os}}", "0.1.0 on linux")]
    [InlineData("{{.Client.APIVersion}}", "1.47")] // Go field names match JSON names ignoring case
    [InlineData("{{.Missing}}", "<no value>")]
    [InlineData("{{.Nothing}}", "<nil>")]
    [InlineData("{{.Count}} {{.Flag}}", "3 true")]
    [InlineData("{{.Names}}", "[a b c]")]
    [InlineData("{{.Labels}}", "map[a:2 z:1]")]
    public void FieldPaths(string template, string expected) => Assert.Equal(expected, Run(template));

    [Theory]
    [InlineData("{{json .Client}}", """{"Version":"0.1.0","ApiVersion":"1.47","Os":"linux"}""")]
    [InlineData("{{json .Client.Version}}", "\"0.1.0\"")]
    [InlineData("{{json .Names}}", """["a","b","c"]""")]
    [InlineData("{{upper .Client.Os}}", "LINUX")]
    [InlineData("{{.Client.Os | upper}}", "LINUX")]
    [InlineData("{{lower \"ABC\"}}", "abc")]
    [InlineData("{{title \"hello wide world\"}}", "Hello Wide World")]
    [InlineData("{{join .Names \", \"}}", "a, b, c")]
    [InlineData("{{join (split \"x:y:z\" \":\") \"-\"}}", "x-y-z")]
    [InlineData("{{truncate .Client.Version 3}}", "0.1")]
    [InlineData("{{truncate \"ab\" 5}}", "ab")]
    [InlineData("{{println .Client.Os}}", "linux\n")]
    [InlineData("{{printf \"%s-%5s|%-4s|\" \"a\" \"b\" \"c\"}}", "a-    b|c   |")]
    [InlineData("{{printf \"%d%%\" .Count}}", "3%")]
    [InlineData("{{printf \"%q\" .Client.Os}}", "\"linux\"")]
    [InlineData("{{len .Names}}", "3")]
    [InlineData("{{index .Names 1}}", "b")]
    [InlineData("{{index .Labels \"z\"}}", "1")]
    [InlineData("{{pad .Client.Os 1 2}}", " linux  ")]
    public void Functions(string template, string expected) => Assert.Equal(expected, Run(template));

    [Theory]
    [InlineData("{{if .Flag}}yes{{else}}no{{end}}", "yes")]
    [InlineData("{{if .Empty}}yes{{else}}no{{end}}", "no")]
    [InlineData("{{if eq .Client.Os \"linux\"}}L{{end}}", "L")]
    [InlineData("{{if ne .Count 3}}x{{else}}three{{end}}", "three")]
    [InlineData("{{if and .Flag (not .Empty)}}ok{{end}}", "ok")]
    [InlineData("{{range .Names}}[{{.}}]{{end}}", "[a][b][c]")]
    [InlineData("{{range .Server.Components}}{{.Name}}={{.Details.GitCommit}}{{end}}", "Engine=abc")]
    [InlineData("{{range .Missing}}x{{else}}none{{end}}", "none")]
    [InlineData("{{with .Client}}{{.Version}}{{end}}", "0.1.0")]
    [InlineData("{{range .Names}}{{$.Count}}{{end}}", "333")]
    [InlineData("{{$v := .Client.Version}}v={{$v}}", "v=0.1.0")]
    [InlineData("a  {{- .Count -}}  b", "a3b")]
    public void Control(string template, string expected) => Assert.Equal(expected, Run(template));

    [Theory]
    [InlineData("{{.Client.Version", "template: :1: unclosed action")]
    [InlineData("{{foo .}}", "template: :1: function \"foo\" not defined")]
    [InlineData("{{if .Flag}}x", "unexpected EOF")]
    [InlineData("{{end}}", "unexpected {{end}}")]
    public void ParseErrors(string template, string message)
    {
        var e = Assert.Throws<TemplateError>(() => Template.Parse(template));
        Assert.True(e.IsParseError);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void ExecutionErrors_NameTheAction()
    {
        var e = Assert.Throws<TemplateError>(() => Run("{{.Client.Os.Name}}"));
        Assert.False(e.IsParseError);
        Assert.Contains("executing \"\" at <.Client.Os.Name>: can't evaluate field Name in type string", e.Message);
    }

    [Fact]
    public void Table_AddsHeadersAndAlignsColumns()
    {
        var rows = new[] { JsonNode.Parse("""{"Repository":"alpine","Tag":"3.20","ID":"abc"}"""),
            JsonNode.Parse("""{"Repository":"registry.example/long-name","Tag":"latest","ID":"def"}""") };
        var text = FormatWriter.Render("table {{.Repository}}\\t{{.Tag}}\\t{{.ID}}", rows, headers: new Dictionary<string, string> { ["ID"] = "IMAGE ID" });
        Assert.Equal(
            "REPOSITORY                   TAG       IMAGE ID\n" +
            "alpine                       3.20      abc\n" +
            "registry.example/long-name   latest    def\n", text);
    }

    [Fact]
    public void NonTable_PrintsOneLinePerItem()
        => Assert.Equal("a\nb\n", FormatWriter.Render("{{.N}}", [JsonNode.Parse("""{"N":"a"}"""), JsonNode.Parse("""{"N":"b"}""")]));

    [Theory]
    [InlineData("CreatedAt", "CREATED AT")]
    [InlineData("ID", "ID")]
    [InlineData("ServerVersion", "SERVER VERSION")]
    public void HeaderNames(string field, string header) => Assert.Equal(header, FormatWriter.HeaderName(field));
}
