using Berth.Cli.CommandLine;

namespace Berth.Cli.Commands.Containers;

/// <summary>pflag's grouped shorthands ("-dit", "-itd", "-itm64m") split into single flags before the image,
/// so <see cref="FlagSet"/> sees one shorthand per argument.</summary>
public static class ShortFlagGroups
{
    /// <summary>Expands groups up to the first positional argument; everything from the image on is untouched.</summary>
    public static List<string> Expand(IReadOnlyList<string> args, Func<string, bool> longTakesValue, Func<char, bool?> shortTakesValue)
    {
        var result = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--" || arg.Length < 2 || arg[0] != '-')
            {
                result.AddRange(args.Skip(i));
                break;
            }
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                result.Add(arg);
                var name = arg[2..];
                if (!name.Contains('=') && longTakesValue(name) && i + 1 < args.Count) result.Add(args[++i]);
                continue;
            }
            var at = 1;
            // Leading boolean shorthands become flags of their own; the first one taking a value keeps the rest.
            while (at < arg.Length - 1 && shortTakesValue(arg[at]) == false && arg[at + 1] != '=')
            {
                result.Add("-" + arg[at]);
                at++;
            }
            result.Add("-" + arg[at..]);
            if (at == arg.Length - 1 && shortTakesValue(arg[at]) == true && i + 1 < args.Count) result.Add(args[++i]);
        }
        return result;
    }
}
