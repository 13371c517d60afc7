namespace Berth.Cli.Templates;

/// <summary>A parsed template element.</summary>
internal abstract record Node;

/// <summary>Literal text.</summary>
internal sealed record TextNode(string Text) : Node;

/// <summary>{{pipeline}}: evaluated and printed (unless it declares a variable).</summary>
internal sealed record ActionNode(Pipeline Pipeline) : Node;

/// <summary>{{if}}, {{range}} or {{with}} with its body and optional {{else}} body.</summary>
internal sealed record BranchNode(string Keyword, Pipeline Pipeline, List<Node> Body, List<Node>? Else) : Node;

/// <summary>Commands joined by "|"; each result is passed as the last argument of the next. Declares names a variable set by ":=".</summary>
internal sealed record Pipeline(List<Command> Commands, string? Declares, int Line, string Source);

/// <summary>A function call or a single operand.</summary>
internal sealed record Command(List<Operand> Operands);

/// <summary>An argument: a field path, ".", a variable, a literal, a function name or a nested pipeline.</summary>
internal abstract record Operand;

/// <summary>".A.B" relative to dot; an empty path is dot itself.</summary>
internal sealed record FieldOperand(string[] Path) : Operand;

/// <summary>"$" or "$x", optionally followed by a field path.</summary>
internal sealed record VariableOperand(string Name, string[] Path) : Operand;

/// <summary>A string, number, boolean or nil literal.</summary>
internal sealed record LiteralOperand(object? Value) : Operand;

/// <summary>A function named by an identifier.</summary>
internal sealed record FunctionOperand(string Name) : Operand;

/// <summary>A parenthesised pipeline.</summary>
internal sealed record PipelineOperand(Pipeline Pipeline) : Operand;
