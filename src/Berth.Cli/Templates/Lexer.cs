using System.Text;

namespace Berth.Cli.Templates;

/// <summary>The kinds of token inside {{ }}.</summary>
internal enum TokenKind { Text, Open, Close, Field, Dot, Variable, Identifier, String, Number, Pipe, LeftParen, RightParen, Declare, End }

/// <summary>One token; Field holds the path without the leading dot (".A.B" → "A.B").</summary>
internal readonly record struct Token(TokenKind Kind, string Value, int Line);

/// <summary>Splits a template into text and action tokens, honouring Go's "{{-" and "-}}" white-space trimming.</summary>
internal static class Lexer
{
    /// <summary>The tokens of source, ending with <see cref="TokenKind.End"/>.</summary>
    internal static List<Token> Tokenize(string source)
    {
        var tokens = new List<Token>();
        var i = 0;
        var line = 1;
        var trimNextText = false;
        while (i < source.Length)
        {
            var open = source.IndexOf("{{", i, StringComparison.Ordinal);
            var text = open < 0 ? source[i..] : source[i..open];
            var trimBefore = open >= 0 && open + 3 < source.Length && source[open + 2] == '-' && char.IsWhiteSpace(source[open + 3]);
            if (trimNextText) text = text.TrimStart();
            if (trimBefore) text = text.TrimEnd();
            if (text.Length > 0) tokens.Add(new Token(TokenKind.Text, text, line));
            line += Count(source, i, open < 0 ? source.Length : open);
            if (open < 0) break;
            i = open + (trimBefore ? 4 : 2);
            tokens.Add(new Token(TokenKind.Open, "{{", line));
            trimNextText = LexAction(source, ref i, ref line, tokens);
        }
        tokens.Add(new Token(TokenKind.End, "", line));
        return tokens;
    }

    private static int Count(string s, int from, int to)
    {
        var n = 0;
        for (var k = from; k < to; k++) if (s[k] == '\n') n++;
        return n;
    }

    // Returns whether the action ended with "-}}", which trims the text after it.
    private static bool LexAction(string s, ref int i, ref int line, List<Token> tokens)
    {
        while (true)
        {
            if (i >= s.Length) throw new TemplateError($"template: :{line}: unclosed action", true);
            var c = s[i];
            if (c == '\n') { line++; i++; continue; }
            if (char.IsWhiteSpace(c))
            {
                if (i + 3 < s.Length && s[i + 1] == '-' && s[i + 2] == '}' && s[i + 3] == '}')
                {
                    i += 4;
                    tokens.Add(new Token(TokenKind.Close, "}}", line));
                    return true;
                }
                i++;
                continue;
            }
            if (c == '}' && i + 1 < s.Length && s[i + 1] == '}')
            {
                i += 2;
                tokens.Add(new Token(TokenKind.Close, "}}", line));
                return false;
            }
            switch (c)
            {
                case '|': tokens.Add(new Token(TokenKind.Pipe, "|", line)); i++; continue;
                case '(': tokens.Add(new Token(TokenKind.LeftParen, "(", line)); i++; continue;
                case ')': tokens.Add(new Token(TokenKind.RightParen, ")", line)); i++; continue;
                case ':' when i + 1 < s.Length && s[i + 1] == '=':
                    tokens.Add(new Token(TokenKind.Declare, ":=", line)); i += 2; continue;
                case '"': tokens.Add(new Token(TokenKind.String, ReadQuoted(s, ref i, line), line)); continue;
                case '`':
                {
                    var end = s.IndexOf('`', i + 1);
                    if (end < 0) throw new TemplateError($"template: :{line}: unterminated raw quoted string", true);
                    tokens.Add(new Token(TokenKind.String, s[(i + 1)..end], line));
                    i = end + 1;
                    continue;
                }
                case '.' when i + 1 >= s.Length || !IsIdentifierChar(s[i + 1]):
                    tokens.Add(new Token(TokenKind.Dot, ".", line)); i++; continue;
                case '.':
                    tokens.Add(new Token(TokenKind.Field, ReadPath(s, ref i), line)); continue;
                case '$':
                {
                    var start = ++i;
                    while (i < s.Length && IsIdentifierChar(s[i])) i++;
                    var name = "$" + s[start..i];
                    var path = i < s.Length && s[i] == '.' && i + 1 < s.Length && IsIdentifierChar(s[i + 1]) ? ReadPath(s, ref i) : "";
                    tokens.Add(new Token(TokenKind.Variable, path.Length > 0 ? name + "." + path : name, line));
                    continue;
                }
            }
            if (char.IsAsciiDigit(c) || (c == '-' && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1])))
            {
                var start = i++;
                while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '.')) i++;
                tokens.Add(new Token(TokenKind.Number, s[start..i], line));
                continue;
            }
            if (IsIdentifierChar(c))
            {
                var start = i;
                while (i < s.Length && IsIdentifierChar(s[i])) i++;
                tokens.Add(new Token(TokenKind.Identifier, s[start..i], line));
                continue;
            }
            throw new TemplateError($"template: :{line}: unexpected \"{c}\" in command", true);
        }
    }

    private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    // ".A.B" at i; returns "A.B".
    private static string ReadPath(string s, ref int i)
    {
        var start = i + 1;
        i++;
        while (i < s.Length && (IsIdentifierChar(s[i]) || (s[i] == '.' && i + 1 < s.Length && IsIdentifierChar(s[i + 1])))) i++;
        return s[start..i];
    }

    private static string ReadQuoted(string s, ref int i, int line)
    {
        var sb = new StringBuilder();
        i++;
        while (true)
        {
            if (i >= s.Length || s[i] == '\n') throw new TemplateError($"template: :{line}: unterminated quoted string", true);
            var c = s[i++];
            if (c == '"') return sb.ToString();
            if (c != '\\') { sb.Append(c); continue; }
            if (i >= s.Length) throw new TemplateError($"template: :{line}: unterminated quoted string", true);
            var e = s[i++];
            sb.Append(e switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '\\' => '\\', '"' => '"', '0' => '\0', _ => e });
        }
    }
}
