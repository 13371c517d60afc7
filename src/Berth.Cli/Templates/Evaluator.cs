using System.Text;
using System.Text.Json.Nodes;

namespace Berth.Cli.Templates;

/// <summary>Executes a parsed template against data, writing text; dot moves with range and with, "$" stays the root.</summary>
internal sealed class Evaluator
{
    private readonly StringBuilder _out = new();
    private readonly Dictionary<string, object?> _variables = new(StringComparer.Ordinal);

    private Evaluator(object? root) => _variables["$"] = root;

    /// <summary>The text nodes produce for data.</summary>
    internal static string Run(List<Node> nodes, object? data)
    {
        var e = new Evaluator(data);
        e.Execute(nodes, data);
        return e._out.ToString();
    }

    private void Execute(List<Node> nodes, object? dot)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case TextNode t: _out.Append(t.Text); break;
                case ActionNode a:
                    var value = Evaluate(a.Pipeline, dot);
                    if (a.Pipeline.Declares == null) _out.Append(Values.ToText(value));
                    break;
                case BranchNode b: ExecuteBranch(b, dot); break;
            }
        }
    }

    private void ExecuteBranch(BranchNode b, object? dot)
    {
        var value = Evaluate(b.Pipeline, dot);
        if (b.Keyword != "range")
        {
            if (Values.IsTrue(value)) Execute(b.Body, b.Keyword == "with" ? value : dot);
            else if (b.Else != null) Execute(b.Else, dot);
            return;
        }
        IEnumerable<object?> items = Values.Normalize(value) switch
        {
            JsonArray a => a,
            // Go ranges over a map in key order.
            JsonObject o => o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (object?)p.Value),
            IEnumerable<object?> list => list,
            null or Missing => [],
            long n => Enumerable.Range(0, (int)n).Select(i => (object?)(long)i),
            var other => throw Error(b.Pipeline, $"range can't iterate over {Values.ToText(other)}"),
        };
        var any = false;
        foreach (var item in items)
        {
            any = true;
            Execute(b.Body, item);
        }
        if (!any && b.Else != null) Execute(b.Else, dot);
    }

    private static TemplateError Error(Pipeline p, string message)
        => new($"template: :{p.Line}: executing \"\" at <{p.Source}>: {message}", false);

    private object? Evaluate(Pipeline pipeline, object? dot)
    {
        object? result = null;
        var hasPrevious = false;
        try
        {
            foreach (var command in pipeline.Commands)
            {
                result = EvaluateCommand(pipeline, command, dot, result, hasPrevious);
                hasPrevious = true;
            }
        }
        catch (TemplateError e) when (!e.Message.StartsWith("template:", StringComparison.Ordinal))
        {
            throw Error(pipeline, e.Message);
        }
        if (pipeline.Declares != null) _variables[pipeline.Declares] = result;
        return result;
    }

    private object? EvaluateCommand(Pipeline pipeline, Command command, object? dot, object? previous, bool hasPrevious)
    {
        var first = command.Operands[0];
        if (first is FunctionOperand f)
        {
            var args = command.Operands.Skip(1).Select(o => Operand(pipeline, o, dot)).ToList();
            if (hasPrevious) args.Add(previous);
            return Functions.Call(f.Name, [.. args]);
        }
        if (command.Operands.Count > 1 || hasPrevious)
            throw Error(pipeline, $"can't give argument to non-function {pipeline.Source}");
        return Operand(pipeline, first, dot);
    }

    private object? Operand(Pipeline pipeline, Operand operand, object? dot) => operand switch
    {
        FieldOperand f => Walk(pipeline, dot, f.Path),
        VariableOperand v => _variables.TryGetValue(v.Name, out var value)
            ? Walk(pipeline, value, v.Path) : throw Error(pipeline, $"undefined variable: {v.Name}"),
        LiteralOperand l => l.Value,
        PipelineOperand p => Evaluate(p.Pipeline, dot),
        FunctionOperand f => Functions.Call(f.Name, []),
        _ => null,
    };

    // Field names match JSON keys exactly first, then ignoring case: Go field names (APIVersion) differ from some JSON names (ApiVersion).
    private static object? Walk(Pipeline pipeline, object? value, string[] path)
    {
        foreach (var name in path)
        {
            value = value switch
            {
                JsonObject o when o.TryGetPropertyValue(name, out var exact) => exact,
                JsonObject o => o.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)) is { Key: not null } p
                    ? p.Value : Missing.Value,
                null or Missing => Missing.Value,
                _ => throw Error(pipeline, $"can't evaluate field {name} in type {TypeName(value)}"),
            };
        }
        return value;
    }

    private static string TypeName(object? v) => Values.Normalize(v) switch
    {
        string => "string",
        bool => "bool",
        long or int => "int",
        double => "float64",
        _ => "[]interface {}",
    };
}
