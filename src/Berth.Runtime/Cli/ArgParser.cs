namespace Berth.Runtime.Cli;

/// <summary>The flags a command accepts: value flags and boolean flags, each with its aliases.</summary>
internal sealed class FlagSet
{
    private readonly Dictionary<string, (string Name, bool TakesValue)> _aliases = new();

    /// <summary>Declares a flag taking a value (--bundle x, -b x, --bundle=x).</summary>
    internal FlagSet Value(string name, params string[] aliases) => Add(name, true, aliases);

    /// <summary>Declares a boolean flag (--detach, -d, --detach=false).</summary>
    internal FlagSet Bool(string name, params string[] aliases) => Add(name, false, aliases);

    private FlagSet Add(string name, bool takesValue, string[] aliases)
    {
        _aliases[name] = (name, takesValue);
        foreach (var a in aliases) _aliases[a] = (name, takesValue);
        return this;
    }

    /// <summary>Parses flags up to the first positional argument (Go's flag rules, as runc uses them).</summary>
    internal ParsedArgs Parse(IReadOnlyList<string> args, bool stopAtPositional = true)
    {
        var result = new ParsedArgs();
        var i = 0;
        for (; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--") { i++; break; }
            if (arg.Length < 2 || arg[0] != '-')
            {
                if (stopAtPositional) break;
                result.Positional.Add(arg);
                continue;
            }
            var body = arg.TrimStart('-');
            string? inline = null;
            var eq = body.IndexOf('=');
            if (eq >= 0) { inline = body[(eq + 1)..]; body = body[..eq]; }
            if (!_aliases.TryGetValue(body, out var flag))
                throw new UsageException($"flag provided but not defined: -{body}");
            string value;
            if (flag.TakesValue)
            {
                if (inline != null) value = inline;
                else if (i + 1 < args.Count) value = args[++i];
                else throw new UsageException($"flag needs an argument: -{body}");
            }
            else value = inline ?? "true";
            result.Add(flag.Name, value);
        }
        for (; i < args.Count; i++) result.Positional.Add(args[i]);
        return result;
    }
}

/// <summary>Flags and positional arguments of one command line.</summary>
internal sealed class ParsedArgs
{
    private readonly Dictionary<string, List<string>> _values = new();

    /// <summary>Arguments that are not flags, in order.</summary>
    internal List<string> Positional { get; } = [];

    internal void Add(string name, string value)
    {
        if (!_values.TryGetValue(name, out var list)) _values[name] = list = [];
        list.Add(value);
    }

    /// <summary>The last value given for a flag, or null.</summary>
    internal string? Get(string name) => _values.TryGetValue(name, out var list) ? list[^1] : null;

    /// <summary>Every value given for a repeatable flag.</summary>
    internal IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var list) ? list : [];

    /// <summary>A boolean flag's value.</summary>
    internal bool IsSet(string name)
    {
        var v = Get(name);
        if (v == null) return false;
        return v switch
        {
            "true" or "1" or "t" or "T" or "TRUE" or "True" => true,
            "false" or "0" or "f" or "F" or "FALSE" or "False" => false,
            _ => throw new UsageException($"invalid boolean value \"{v}\" for -{name}"),
        };
    }

    /// <summary>An integer flag's value or the default.</summary>
    internal int Int(string name, int fallback)
    {
        var v = Get(name);
        if (v == null) return fallback;
        return int.TryParse(v, out var n) ? n : throw new UsageException($"invalid value \"{v}\" for flag -{name}: not an integer");
    }
}

/// <summary>A command line that does not follow the grammar (exit status 1 with a usage hint, like runc).</summary>
internal sealed class UsageException(string message) : RuntimeException(message);
