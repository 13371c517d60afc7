using System.Globalization;

namespace Berth.Cli.Templates;

/// <summary>Builds the node tree of a template from its tokens.</summary>
internal sealed class Parser
{
    private readonly List<Token> _tokens;
    private int _pos;

    private Parser(List<Token> tokens) => _tokens = tokens;

    /// <summary>Parses source; throws <see cref="TemplateError"/> with Go's messages.</summary>
    internal static List<Node> Parse(string source)
    {
        var parser = new Parser(Lexer.Tokenize(source));
        var (nodes, stop) = parser.ParseList();
        if (stop != null) throw Error(parser.Peek.Line, $"unexpected {{{{{stop}}}}}");
        return nodes;
    }

    private Token Peek => _tokens[_pos];

    private Token Next() => _tokens[_pos++];

    private static TemplateError Error(int line, string message) => new($"template: :{line}: {message}", true);

    // Parses until the end or an {{else}}/{{end}}, which it consumes and returns.
    private (List<Node> Nodes, string? Stop) ParseList()
    {
        var nodes = new List<Node>();
        while (true)
        {
            var t = Next();
            switch (t.Kind)
            {
                case TokenKind.End: _pos--; return (nodes, null);
                case TokenKind.Text: nodes.Add(new TextNode(t.Value)); continue;
                case TokenKind.Open: break;
                default: throw Error(t.Line, $"unexpected {t.Value}");
            }
            var first = Peek;
            if (first.Kind == TokenKind.Identifier && first.Value is "end" or "else")
            {
                _pos++;
                Expect(TokenKind.Close, first.Value);
                return (nodes, first.Value);
            }
            if (first.Kind == TokenKind.Identifier && first.Value is "if" or "range" or "with")
            {
                _pos++;
                var pipeline = ParsePipeline(first.Value, TokenKind.Close);
                var (body, stop) = ParseList();
                List<Node>? elseBody = null;
                if (stop == "else")
                {
                    (elseBody, stop) = ParseList();
                }
                if (stop != "end") throw Error(first.Line, $"unexpected EOF");
                nodes.Add(new BranchNode(first.Value, pipeline, body, elseBody));
                continue;
            }
            nodes.Add(new ActionNode(ParsePipeline("command", TokenKind.Close)));
        }
    }

    private void Expect(TokenKind kind, string context)
    {
        var t = Next();
        if (t.Kind != kind) throw Error(t.Line, $"unexpected \"{t.Value}\" in {context}");
    }

    private Pipeline ParsePipeline(string context, TokenKind terminator)
    {
        var startLine = Peek.Line;
        string? declares = null;
        if (Peek.Kind == TokenKind.Variable && _tokens[_pos + 1].Kind == TokenKind.Declare)
        {
            declares = Next().Value;
            _pos++;
        }
        var commands = new List<Command>();
        var operands = new List<Operand>();
        var source = new List<string>();
        while (true)
        {
            var t = Next();
            if (t.Kind == terminator)
            {
                if (operands.Count == 0) throw Error(t.Line, $"missing value for {context}");
                commands.Add(new Command(operands));
                return new Pipeline(commands, declares, startLine, string.Join(' ', source));
            }
            switch (t.Kind)
            {
                case TokenKind.Pipe:
                    if (operands.Count == 0) throw Error(t.Line, "missing command before |");
                    commands.Add(new Command(operands));
                    operands = [];
                    source.Add("|");
                    continue;
                case TokenKind.Field: operands.Add(new FieldOperand(t.Value.Split('.'))); source.Add("." + t.Value); continue;
                case TokenKind.Dot: operands.Add(new FieldOperand([])); source.Add("."); continue;
                case TokenKind.Variable:
                {
                    var parts = t.Value.Split('.');
                    operands.Add(new VariableOperand(parts[0], parts[1..]));
                    source.Add(t.Value);
                    continue;
                }
                case TokenKind.String: operands.Add(new LiteralOperand(t.Value)); source.Add($"\"{t.Value}\""); continue;
                case TokenKind.Number: operands.Add(new LiteralOperand(ParseNumber(t))); source.Add(t.Value); continue;
                case TokenKind.LeftParen:
                    operands.Add(new PipelineOperand(ParsePipeline("parenthesized pipeline", TokenKind.RightParen)));
                    source.Add("(...)");
                    continue;
                case TokenKind.Identifier:
                    source.Add(t.Value);
                    operands.Add(t.Value switch
                    {
                        "true" => new LiteralOperand(true),
                        "false" => new LiteralOperand(false),
                        "nil" => new LiteralOperand(null),
                        _ when Functions.Exists(t.Value) => new FunctionOperand(t.Value),
                        _ => throw Error(t.Line, $"function \"{t.Value}\" not defined"),
                    });
                    continue;
                case TokenKind.End: throw Error(t.Line, "unclosed action");
                default: throw Error(t.Line, $"unexpected \"{t.Value}\" in {context}");
            }
        }
    }

    private static object ParseNumber(Token t)
    {
        if (long.TryParse(t.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return l;
        if (double.TryParse(t.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
        throw Error(t.Line, $"bad number syntax: \"{t.Value}\"");
    }
}
