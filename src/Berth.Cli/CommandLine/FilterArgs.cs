using System.Text.Json;
using System.Text.Json.Nodes;

namespace Berth.Cli.CommandLine;

/// <summary>Docker's -f/--filter key=value flags, sent as the API's filters JSON ({"key":{"value":true}}).</summary>
public static class FilterArgs
{
    /// <summary>Parses each "key=value"; a flag without '=' is docker's "bad format of filter" error (a usage error of
    /// command when it is given, so that it shows the command's Usage line).</summary>
    public static Dictionary<string, List<string>> Parse(IEnumerable<string> flags, string? command = null)
    {
        var filters = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var flag in flags)
        {
            var eq = flag.IndexOf('=');
            var message = $"invalid argument \"{flag}\" for \"-f, --filter\" flag: bad format of filter (expected name=value)";
            if (eq <= 0) throw command == null ? new CliError(message, 125) : new UsageError(message, command);
            Add(filters, flag[..eq].Trim().ToLowerInvariant(), flag[(eq + 1)..]);
        }
        return filters;
    }

    /// <summary>Adds one value under a key.</summary>
    public static void Add(Dictionary<string, List<string>> filters, string key, string value)
    {
        if (!filters.TryGetValue(key, out var values)) filters[key] = values = [];
        values.Add(value);
    }

    /// <summary>The API's JSON form.</summary>
    public static string ToJson(Dictionary<string, List<string>> filters)
    {
        var root = new JsonObject();
        foreach (var (key, values) in filters)
        {
            var set = new JsonObject();
            foreach (var value in values) set[value] = true;
            root[key] = set;
        }
        return root.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
