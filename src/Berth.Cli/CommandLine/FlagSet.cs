namespace Berth.Cli.CommandLine;

/// <summary>The flags of one command, parsed with pflag's rules as docker does (--name=value, --name value, -n value,
/// -nvalue, --bool, --bool=false), flags and arguments interspersed unless told to stop at the first argument.</summary>
public sealed class FlagSet(string command)
{
    private readonly Dictionary<string, (string Name, bool TakesValue)> _long = new(StringComparer.Ordinal);
    private readonly Dictionary<char, string> _short = [];

    /// <summary>The command these flags belong to ("berth version"), for "See '… --help'".</summary>
    public string Command { get; } = command;

    /// <summary>Declares a flag that takes a value.</summary>
    public FlagSet Value(string name, char? shorthand = null) => Add(name, shorthand, true);

    /// <summary>Declares a boolean flag.</summary>
    public FlagSet Bool(string name, char? shorthand = null) => Add(name, shorthand, false);

    private FlagSet Add(string name, char? shorthand, bool takesValue)
    {
        _long[name] = (name, takesValue);
        if (shorthand is { } s) _short[s] = name;
        return this;
    }

    /// <summary>A flag as pflag names it in messages: "-p, --pause", or "--rm" without a shorthand.</summary>
    private string Shown(string name) => _short.FirstOrDefault(s => s.Value == name) is { Value: not null } s ? $"-{s.Key}, --{name}" : $"--{name}";

    /// <summary>Parses args; stopAtArgument leaves everything from the first non-flag on (the sub-command) unparsed.</summary>
    public ParsedFlags Parse(IReadOnlyList<string> args, bool stopAtArgument = false)
    {
        var result = new ParsedFlags();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                result.Arguments.AddRange(args.Skip(i + 1));
                break;
            }
            if (arg.Length < 2 || arg[0] != '-')
            {
                if (stopAtArgument)
                {
                    result.Arguments.AddRange(args.Skip(i));
                    break;
                }
                result.Arguments.Add(arg);
                continue;
            }
            string name;
            string? inline = null;
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                name = arg[2..];
                var eq = name.IndexOf('=');
                if (eq >= 0) { inline = name[(eq + 1)..]; name = name[..eq]; }
                if (!_long.ContainsKey(name)) throw new UsageError($"unknown flag: --{name}", Command);
            }
            else
            {
                // pflag reads "-aq" as -a -q: leading boolean shorthands stand alone; a shorthand taking a value
                // (or one followed by '=') keeps the rest of the argument as its value.
                var at = 1;
                while (true)
                {
                    if (!_short.TryGetValue(arg[at], out name!)) throw new UsageError($"unknown shorthand flag: '{arg[at]}' in {arg}", Command);
                    if (at + 1 >= arg.Length || _long[name].TakesValue || arg[at + 1] == '=') break;
                    result.Set(name, "true");
                    at++;
                }
                if (arg.Length > at + 1) inline = arg[at + 1] == '=' ? arg[(at + 2)..] : arg[(at + 1)..];
            }
            var (_, takesValue) = _long[name];
            if (!takesValue)
            {
                result.Set(name, inline switch
                {
                    null or "true" or "1" or "t" or "T" or "TRUE" or "True" => "true",
                    "false" or "0" or "f" or "F" or "FALSE" or "False" => "false",
                    _ => throw new UsageError($"invalid argument \"{inline}\" for \"{Shown(name)}\" flag: strconv.ParseBool: parsing \"{inline}\": invalid syntax", Command),
                });
                continue;
            }
            if (inline == null)
            {
                if (i + 1 >= args.Count) throw new UsageError($"flag needs an argument: --{name}", Command);
                inline = args[++i];
            }
            result.Set(name, inline);
        }
        return result;
    }
}

/// <summary>The outcome of <see cref="FlagSet.Parse"/>.</summary>
public sealed class ParsedFlags
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    /// <summary>Non-flag arguments, in order.</summary>
    public List<string> Arguments { get; } = [];

    /// <summary>Records a value.</summary>
    internal void Set(string name, string value)
    {
        if (!_values.TryGetValue(name, out var list)) _values[name] = list = [];
        list.Add(value);
    }

    /// <summary>True when the flag was given at all (even as =false).</summary>
    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>Every value a repeatable flag was given, in order.</summary>
    public IReadOnlyList<string> Values(string name) => _values.TryGetValue(name, out var l) ? l : [];

    /// <summary>The last value of a flag, or null.</summary>
    public string? Get(string name) => _values.TryGetValue(name, out var l) ? l[^1] : null;

    /// <summary>A boolean flag's value.</summary>
    public bool IsOn(string name) => Get(name) == "true";
}
