using System.Text.Json.Nodes;
using Berth.Cli.CommandLine;
using Berth.Cli.Output;
using Berth.Cli.Templates;

namespace Berth.Cli.Commands.Containers;

/// <summary>`berth ps` / `container ls`: docker's columns CONTAINER ID, IMAGE, COMMAND, CREATED, STATUS, PORTS, NAMES
/// (+ SIZE), with its truncation and quoting.</summary>
public static class PsCommand
{
    private const string DefaultTable = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";

    private static readonly Dictionary<string, string> Headers = new()
    {
        ["ID"] = "CONTAINER ID", ["Image"] = "IMAGE", ["Command"] = "COMMAND", ["CreatedAt"] = "CREATED AT", ["RunningFor"] = "CREATED",
        ["Ports"] = "PORTS", ["State"] = "STATE", ["Status"] = "STATUS", ["Size"] = "SIZE", ["Names"] = "NAMES", ["Labels"] = "LABELS",
        ["Mounts"] = "MOUNTS", ["LocalVolumes"] = "LOCAL VOLUMES", ["Networks"] = "NETWORKS",
    };

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, string command = "berth ps")
    {
        var flags = new FlagSet(command).Bool("all", 'a').Bool("quiet", 'q').Bool("size", 's').Value("last", 'n').Bool("latest", 'l')
            .Bool("no-trunc").Value("filter", 'f').Value("format").Bool("help").Parse(args);
        if (flags.IsOn("help")) { context.Out.Write(ContainerHelp.For(ContainerHelp.Ps, command)); return 0; }
        if (flags.Arguments.Count > 0) throw new ArgumentsError(command, "no arguments", runHint: true);
        var last = -1;
        if (flags.Get("last") is { } n && !int.TryParse(n, out last))
            throw new UsageError($"invalid argument \"{n}\" for \"-n, --last\" flag: strconv.ParseInt: parsing \"{n}\": invalid syntax", command);
        if (flags.IsOn("latest")) last = 1;

        var format = flags.Get("format") ?? "";
        if (flags.IsOn("quiet") && format.Length == 0) format = "{{.ID}}";
        else if (format.Length == 0 || format == "table") format = DefaultTable + (flags.IsOn("size") ? "\t{{.Size}}" : "");
        else if (format == "json") format = "{{json .}}";
        var size = flags.IsOn("size") || format.Contains(".Size", StringComparison.Ordinal) || format.Contains("{{json .}}", StringComparison.Ordinal);

        var filters = FilterArgs.Parse(flags.Values("filter"));
        var query = Batch.Query(("all", flags.IsOn("all") ? "1" : null), ("limit", last > 0 ? last.ToString() : null),
            ("size", size ? "1" : null), ("filters", filters.Count > 0 ? FilterArgs.ToJson(filters) : null));
        var list = await context.Client.GetJsonAsync("/containers/json" + query) as JsonArray ?? [];
        var now = DateTimeOffset.UtcNow;
        var trunc = !flags.IsOn("no-trunc");
        var rows = list.OfType<JsonObject>().Select(c => (JsonNode?)Row(c, trunc, now)).ToList();
        context.Out.Write(FormatWriter.Render(format, rows, DefaultTable, Headers));
        return 0;
    }

    /// <summary>One container as the fields the templates see, formatted as docker's ContainerContext does.</summary>
    public static JsonObject Row(JsonObject c, bool trunc, DateTimeOffset now)
    {
        var id = c["Id"]?.ToString() ?? "";
        var created = DateTimeOffset.FromUnixTimeSeconds(c["Created"]?.GetValue<long>() ?? 0);
        var command = c["Command"]?.ToString() ?? "";
        var sizeRw = c["SizeRw"]?.GetValue<long>() ?? 0;
        var sizeRoot = c["SizeRootFs"]?.GetValue<long>() ?? 0;
        var mounts = (c["Mounts"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        return new JsonObject
        {
            ["Command"] = GoQuote.Quote(trunc ? GoQuote.Ellipsis(command, 20) : command),
            ["CreatedAt"] = GoTime(created),
            ["ID"] = trunc ? ShortId(id) : id,
            ["Image"] = Image(c, trunc),
            ["Labels"] = string.Join(',', (c["Labels"] as JsonObject ?? []).Select(l => $"{l.Key}={l.Value}")),
            ["LocalVolumes"] = mounts.Count(m => m["Type"]?.ToString() == "volume" && m["Driver"]?.ToString() == "local").ToString(),
            ["Mounts"] = string.Join(',', mounts.Select(m => m["Name"]?.ToString() is { Length: > 0 } name
                ? (trunc ? GoQuote.Ellipsis(name, 15) : name) : m["Source"]?.ToString() ?? "")),
            ["Names"] = Names(c, trunc),
            ["Networks"] = string.Join(',', (c["NetworkSettings"]?["Networks"] as JsonObject ?? []).Select(n => n.Key).Order(StringComparer.Ordinal)),
            ["Ports"] = Ports(c["Ports"] as JsonArray),
            ["RunningFor"] = HumanUnits.Ago(created, now),
            ["Size"] = sizeRoot > 0 ? $"{HumanUnits.Size(sizeRw)} (virtual {HumanUnits.Size(sizeRoot)})" : HumanUnits.Size(sizeRw),
            ["State"] = c["State"]?.ToString() ?? "",
            ["Status"] = c["Status"]?.ToString() ?? "",
        };
    }

    /// <summary>The first 12 hex digits of an id, without "sha256:".</summary>
    public static string ShortId(string id)
    {
        if (id.StartsWith("sha256:", StringComparison.Ordinal)) id = id[7..];
        return id.Length > 12 ? id[..12] : id;
    }

    /// <summary>Go's time.Time.String() of a moment in UTC.</summary>
    public static string GoTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss") + " +0000 UTC";

    private static string Image(JsonObject c, bool trunc)
    {
        var image = c["Image"]?.ToString() ?? "";
        if (image.Length == 0) return "<no image>";
        if (!trunc) return image;
        if (ShortId(c["ImageID"]?.ToString() ?? "") == ShortId(image)) return ShortId(image);
        // A name pinned by digest shows without the digest.
        var at = image.IndexOf('@');
        return at >= 0 ? image[..at] : image;
    }

    private static string Names(JsonObject c, bool trunc)
    {
        var names = (c["Names"] as JsonArray ?? []).Select(n => (n?.ToString() ?? "").TrimStart('/')).ToList();
        // Link aliases ("other/alias") hide behind the container's own name unless --no-trunc.
        if (trunc && names.FirstOrDefault(n => !n.Contains('/')) is { } own) names = [own];
        return string.Join(',', names);
    }

    private static string Ports(JsonArray? ports)
    {
        if (ports == null) return "";
        var shown = new List<string>();
        foreach (var p in ports.OfType<JsonObject>())
        {
            var priv = p["PrivatePort"]?.GetValue<long>() ?? 0;
            var type = p["Type"]?.ToString() ?? "tcp";
            if (p["IP"]?.ToString() is { Length: > 0 } ip)
            {
                var host = ip.Contains(':') ? $"[{ip}]" : ip;
                shown.Add($"{host}:{p["PublicPort"]?.GetValue<long>() ?? 0}->{priv}/{type}");
            }
            else shown.Add($"{priv}/{type}");
        }
        return string.Join(", ", shown);
    }
}
