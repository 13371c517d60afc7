using System.Text;

namespace Berth.Build.Dockerfile;

/// <summary>Docker's Dockerfile word rules: splitting an argument list at unquoted white space (quotes kept, as the
/// parser does), and processing one word as the builder does (quotes removed, backslash escapes, $VAR, ${VAR},
/// ${VAR:-default} and ${VAR:+alternative} expanded from the image's environment so far).</summary>
public static class ShellWords
{
    /// <summary>The words of text, split at white space outside quotes; quotes and escapes stay in the words.</summary>
    public static List<string> Split(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        char quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote == '\0' && char.IsWhiteSpace(c))
            {
                if (word.Length > 0) words.Add(word.ToString());
                word.Clear();
                continue;
            }
            word.Append(c);
            if (c == '\\' && quote != '\'' && i + 1 < text.Length) word.Append(text[++i]);
            else if (quote == '\0' && c is '"' or '\'') quote = c;
            else if (c == quote) quote = '\0';
        }
        if (word.Length > 0) words.Add(word.ToString());
        return words;
    }

    /// <summary>One word with its quotes removed and its variables expanded from env ("NAME=value" entries).</summary>
    public static string Process(string word, IReadOnlyList<string>? env)
    {
        var result = new StringBuilder();
        var i = 0;
        while (i < word.Length)
        {
            var c = word[i];
            if (c == '\'')
            {
                var end = word.IndexOf('\'', i + 1);
                if (end < 0) throw new DockerfileException("unexpected end of statement while looking for matching single-quote");
                result.Append(word, i + 1, end - i - 1);
                i = end + 1;
            }
            else if (c == '"')
            {
                i++;
                while (true)
                {
                    if (i >= word.Length) throw new DockerfileException("unexpected end of statement while looking for matching double-quote");
                    if (word[i] == '"') { i++; break; }
                    if (word[i] == '\\' && i + 1 < word.Length && word[i + 1] is '"' or '\\' or '$') { result.Append(word[i + 1]); i += 2; }
                    else if (word[i] == '$') i = Expand(word, i, env, result);
                    else result.Append(word[i++]);
                }
            }
            else if (c == '\\')
            {
                if (i + 1 < word.Length) result.Append(word[i + 1]);
                i += 2;
            }
            else if (c == '$') i = Expand(word, i, env, result);
            else
            {
                result.Append(c);
                i++;
            }
        }
        return result.ToString();
    }

    // word[start] is '$'; appends the expansion and returns the index after it.
    private static int Expand(string word, int start, IReadOnlyList<string>? env, StringBuilder result)
    {
        var i = start + 1;
        if (i >= word.Length) { result.Append('$'); return i; }
        if (word[i] == '{')
        {
            var close = word.IndexOf('}', i);
            if (close < 0) throw new DockerfileException($"missing '}}' in '{word}'");
            var inner = word[(i + 1)..close];
            var op = inner.IndexOf(':');
            var name = op < 0 ? inner : inner[..op];
            var value = Lookup(name, env);
            if (op < 0) result.Append(value ?? "");
            else if (inner.Length > op + 1 && inner[op + 1] == '-') result.Append(string.IsNullOrEmpty(value) ? Process(inner[(op + 2)..], env) : value);
            else if (inner.Length > op + 1 && inner[op + 1] == '+') result.Append(string.IsNullOrEmpty(value) ? "" : Process(inner[(op + 2)..], env));
            else throw new DockerfileException($"unsupported modifier ({(inner.Length > op + 1 ? inner[op + 1] : ' ')}) in substitution");
            return close + 1;
        }
        var end = i;
        while (end < word.Length && (char.IsAsciiLetterOrDigit(word[end]) || word[end] == '_')) end++;
        if (end == i) { result.Append('$'); return i; }
        result.Append(Lookup(word[i..end], env) ?? "");
        return end;
    }

    private static string? Lookup(string name, IReadOnlyList<string>? env)
    {
        if (env is null) return null;
        // The last definition wins, as in the builder's environment list.
        for (var i = env.Count - 1; i >= 0; i--)
            if (env[i].StartsWith(name + "=", StringComparison.Ordinal)) return env[i][(name.Length + 1)..];
        return null;
    }
}
