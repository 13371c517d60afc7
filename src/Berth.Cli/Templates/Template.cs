namespace Berth.Cli.Templates;

/// <summary>A parsed Go-template subset (text/template plus docker's functions) executed against JSON data.</summary>
public sealed class Template
{
    private readonly List<Node> _nodes;

    private Template(List<Node> nodes) => _nodes = nodes;

    /// <summary>Parses source; throws <see cref="TemplateError"/> (IsParseError) when it is not a valid template.</summary>
    public static Template Parse(string source) => new(Parser.Parse(source));

    /// <summary>The text for data (a System.Text.Json.Nodes tree, or null); throws <see cref="TemplateError"/> on execution errors.</summary>
    public string Execute(object? data) => Evaluator.Run(_nodes, data);
}
