using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Berth.Cli.Templates;

/// <summary>The functions templates may call: Go's builtins that docker formats use, and docker's own (json, join, split, title, lower, upper, truncate, pad).</summary>
internal static class Functions
{
    private static readonly Dictionary<string, Func<object?[], object?>> Table = new(StringComparer.Ordinal)
    {
        ["json"] = a => Values.ToJson(Arg(a, 0, 1, "json")),
        ["join"] = a => string.Join(Text(a, 1, 2, "join"), Items(a[0], "join").Select(Values.ToText)),
        ["split"] = a => Text(a, 0, 2, "split").Split(Text(a, 1, 2, "split")).Cast<object?>().ToList(),
        ["title"] = a => Title(Text(a, 0, 1, "title")),
        ["lower"] = a => Text(a, 0, 1, "lower").ToLowerInvariant(),
        ["upper"] = a => Text(a, 0, 1, "upper").ToUpperInvariant(),
        ["truncate"] = a => Truncate(Text(a, 0, 2, "truncate"), Integer(a[1], "truncate")),
        ["pad"] = a => new string(' ', Integer(a.Length == 3 ? a[1] : throw Arity("pad", 3, a.Length), "pad")) + Values.ToText(a[0])
                       + new string(' ', Integer(a[2], "pad")),
        ["println"] = a => string.Join(' ', a.Select(Values.ToText)) + "\n",
        ["print"] = Print,
        ["printf"] = a => a.Length == 0 ? throw Arity("printf", 1, 0) : Printf.Format(Values.ToText(a[0]), a[1..]),
        ["len"] = a => Length(Arg(a, 0, 1, "len")),
        ["index"] = Index,
        ["eq"] = a => a.Length < 2 ? throw Arity("eq", 2, a.Length) : a[1..].Any(b => Compare(a[0], b) == 0),
        ["ne"] = a => Compare(Arg(a, 0, 2, "ne"), a[1]) != 0,
        ["lt"] = a => Compare(Arg(a, 0, 2, "lt"), a[1]) < 0,
        ["le"] = a => Compare(Arg(a, 0, 2, "le"), a[1]) <= 0,
        ["gt"] = a => Compare(Arg(a, 0, 2, "gt"), a[1]) > 0,
        ["ge"] = a => Compare(Arg(a, 0, 2, "ge"), a[1]) >= 0,
        ["not"] = a => !Values.IsTrue(Arg(a, 0, 1, "not")),
        ["and"] = a => a.Length == 0 ? throw Arity("and", 1, 0) : a.FirstOrDefault(v => !Values.IsTrue(v), a[^1]),
        ["or"] = a => a.Length == 0 ? throw Arity("or", 1, 0) : a.FirstOrDefault(Values.IsTrue, a[^1]),
    };

    /// <summary>True when a function of that name exists.</summary>
    internal static bool Exists(string name) => Table.ContainsKey(name);

    /// <summary>Calls the named function.</summary>
    internal static object? Call(string name, object?[] args) => Table[name](args);

    private static TemplateError Arity(string name, int want, int got)
        => new($"wrong number of args for {name}: want {want} got {got}", false);

    private static object? Arg(object?[] a, int i, int count, string name)
        => a.Length == count ? a[i] : throw Arity(name, count, a.Length);

    private static string Text(object?[] a, int i, int count, string name) => Values.ToText(Arg(a, i, count, name));

    private static int Integer(object? v, string name) => Values.Normalize(v) switch
    {
        long l => (int)l,
        int i => i,
        double d when d == Math.Floor(d) => (int)d,
        string s when int.TryParse(s, out var n) => n,
        _ => throw new TemplateError($"{name}: expected an integer, got {Values.ToText(v)}", false),
    };

    private static IEnumerable<object?> Items(object? v, string name) => Values.Normalize(v) switch
    {
        JsonArray a => a,
        IEnumerable<object?> list => list,
        null or Missing => [],
        _ => throw new TemplateError($"{name}: expected a list, got {Values.ToText(v)}", false),
    };

    // Go's strings.Title: the first letter of every word, words separated by anything but letters, digits and marks.
    private static string Title(string s)
    {
        var sb = new StringBuilder(s.Length);
        var previousIsLetter = false;
        foreach (var c in s)
        {
            sb.Append(previousIsLetter ? c : char.ToUpperInvariant(c));
            previousIsLetter = char.IsLetterOrDigit(c) || c == '_' || c == '\'';
        }
        return sb.ToString();
    }

    // docker's truncate cuts by bytes of UTF-8 in Go; cutting by characters keeps the text valid.
    private static string Truncate(string s, int length) => s.Length <= length ? s : s[..Math.Max(0, length)];

    private static object Print(object?[] a)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < a.Length; i++)
        {
            // fmt.Sprint puts a space between operands when neither is a string.
            if (i > 0 && Values.Normalize(a[i]) is not string && Values.Normalize(a[i - 1]) is not string) sb.Append(' ');
            sb.Append(Values.ToText(a[i]));
        }
        return sb.ToString();
    }

    private static object Length(object? v) => (long)(Values.Normalize(v) switch
    {
        string s => s.Length,
        JsonArray a => a.Count,
        JsonObject o => o.Count,
        IEnumerable<object?> list => list.Count(),
        _ => throw new TemplateError($"len of {Values.ToText(v)}", false),
    });

    private static object? Index(object?[] a)
    {
        if (a.Length == 0) throw Arity("index", 1, 0);
        var current = a[0];
        foreach (var key in a[1..])
        {
            current = Values.Normalize(current) switch
            {
                JsonArray arr => Integer(key, "index") is var i && i >= 0 && i < arr.Count
                    ? arr[i] : throw new TemplateError($"error calling index: index out of range: {Values.ToText(key)}", false),
                IList<object?> list => Integer(key, "index") is var j && j >= 0 && j < list.Count
                    ? list[j] : throw new TemplateError($"error calling index: index out of range: {Values.ToText(key)}", false),
                JsonObject obj => obj.TryGetPropertyValue(Values.ToText(key), out var found) ? found : Missing.Value,
                null or Missing => Missing.Value,
                _ => throw new TemplateError($"can't index item of type {Values.ToText(current)}", false),
            };
        }
        return current;
    }

    private static int Compare(object? x, object? y)
    {
        var a = Values.Normalize(x);
        var b = Values.Normalize(y);
        if (a is long or int or double && b is long or int or double)
            return Convert.ToDouble(a, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(b, CultureInfo.InvariantCulture));
        if (a is string s && b is string t) return string.CompareOrdinal(s, t);
        if (a is bool p && b is bool q) return p.CompareTo(q);
        if (a is null or Missing && b is null or Missing) return 0;
        throw new TemplateError($"incompatible types for comparison: {Values.ToText(x)} and {Values.ToText(y)}", false);
    }
}
