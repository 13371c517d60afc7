using System.Text;

namespace Berth.Cli.Output;

/// <summary>Go's json.Indent with a four-space indent, as `docker inspect` applies it to the daemon's raw answer:
/// keys keep their order and strings their escapes, empty {} and [] stay on one line.</summary>
public static class JsonIndent
{
    /// <summary>Indents compact (or already spaced) JSON text.</summary>
    public static string Indent(string json)
    {
        var sb = new StringBuilder(json.Length * 2);
        var depth = 0;
        var inString = false;
        var needIndent = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                sb.Append(c);
                if (c == '\\' && i + 1 < json.Length) sb.Append(json[++i]);
                else if (c == '"') inString = false;
                continue;
            }
            if (c is ' ' or '\t' or '\n' or '\r') continue;
            if (needIndent && c is not (']' or '}'))
            {
                needIndent = false;
                depth++;
                NewLine(sb, depth);
            }
            switch (c)
            {
                case '"':
                    inString = true;
                    sb.Append(c);
                    break;
                case '{' or '[':
                    sb.Append(c);
                    needIndent = true;
                    break;
                case ',':
                    sb.Append(c);
                    NewLine(sb, depth);
                    break;
                case ':':
                    sb.Append(": ");
                    break;
                case '}' or ']':
                    if (needIndent) needIndent = false;
                    else NewLine(sb, --depth);
                    sb.Append(c);
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    private static void NewLine(StringBuilder sb, int depth) => sb.Append('\n').Append(' ', depth * 4);
}
