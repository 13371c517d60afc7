using System.Globalization;
using System.Text.Json.Nodes;
using Berth.Cli.CommandLine;
using Berth.Cli.Output;
using Berth.Cli.Templates;

namespace Berth.Cli.Commands.Images;

/// <summary>`berth images` / `berth image ls`: one row per name of each image, newest first, as docker prints them.</summary>
public static class ImagesCommand
{
    /// <summary>The help text.</summary>
    public const string Help = """
        Usage:  berth images [OPTIONS] [REPOSITORY[:TAG]]

        List images

        Options:
          -a, --all             Show all images (default hides intermediate images)
              --digests         Show digests
          -f, --filter filter   Filter output based on conditions provided
              --format string   Format output using a custom template
              --no-trunc        Don't truncate output
          -q, --quiet           Only show image IDs

        """;

    private const string DefaultTable = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}";
    private const string DigestTable = "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}";
    private static readonly Dictionary<string, string> Headers = new()
    {
        // Every column's title, so that an empty list still gets its header row.
        ["Repository"] = "REPOSITORY", ["Tag"] = "TAG", ["Digest"] = "DIGEST", ["ID"] = "IMAGE ID", ["CreatedSince"] = "CREATED",
        ["CreatedAt"] = "CREATED AT", ["Size"] = "SIZE", ["SharedSize"] = "SHARED SIZE", ["UniqueSize"] = "UNIQUE SIZE",
        ["VirtualSize"] = "VIRTUAL SIZE", ["Containers"] = "CONTAINERS",
    };

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, string command = "berth images")
    {
        var flags = new FlagSet(command).Bool("all", 'a').Bool("digests").Value("filter", 'f').Value("format").Bool("no-trunc")
            .Bool("quiet", 'q').Bool("help", 'h').Parse(args);
        if (flags.IsOn("help")) { context.Out.Write(Help); return 0; }
        if (flags.Arguments.Count > 1) throw new UsageError($"\"{command}\" requires at most 1 argument.", command);
        var query = new List<string>();
        if (flags.IsOn("all")) query.Add("all=1");
        var filters = FilterArgs.Parse(flags.Values("filter"));
        if (flags.Arguments.Count == 1) FilterArgs.Add(filters, "reference", flags.Arguments[0]);
        if (filters.Count > 0) query.Add("filters=" + Uri.EscapeDataString(FilterArgs.ToJson(filters)));
        var list = await context.Client.GetJsonAsync("/images/json" + (query.Count > 0 ? "?" + string.Join('&', query) : "")) as JsonArray ?? [];

        var noTrunc = flags.IsOn("no-trunc");
        var rows = new List<JsonNode?>();
        var now = DateTimeOffset.UtcNow;
        foreach (var image in list.OfType<JsonObject>().OrderByDescending(i => i["Created"]?.GetValue<long>() ?? 0))
            rows.AddRange(Rows(image, noTrunc, now));

        var format = flags.Get("format");
        if (flags.IsOn("quiet")) format = "{{.ID}}";
        else if (format is null or "") format = flags.IsOn("digests") ? DigestTable : DefaultTable;
        else if (format == "json") format = "{{json .}}";
        context.Out.Write(FormatWriter.Render(format, rows, DefaultTable, Headers));
        return 0;
    }

    // Docker repeats an image once per repository:tag; a digest-only name still makes a row, with <none> as tag.
    private static IEnumerable<JsonObject> Rows(JsonObject image, bool noTrunc, DateTimeOffset now)
    {
        var id = image["Id"]?.ToString() ?? "";
        var shortId = noTrunc ? id : id.Replace("sha256:", "", StringComparison.Ordinal)[..Math.Min(12, id.Length - 7)];
        var created = DateTimeOffset.FromUnixTimeSeconds(image["Created"]?.GetValue<long>() ?? 0);
        var size = image["Size"]?.GetValue<long>() ?? 0;
        var tags = Strings(image["RepoTags"]).Where(t => t != "<none>:<none>").ToList();
        var digests = Strings(image["RepoDigests"]).Where(d => d != "<none>@<none>").ToList();

        var names = new List<(string Repository, string Tag, string Digest)>();
        foreach (var tag in tags)
        {
            var (repo, tagName) = SplitTag(tag);
            var digest = digests.Select(SplitDigest).FirstOrDefault(d => d.Repository == repo).Digest ?? "<none>";
            names.Add((repo, tagName, digest));
        }
        foreach (var (repo, digest) in digests.Select(SplitDigest))
            if (names.All(n => n.Repository != repo)) names.Add((repo, "<none>", digest ?? "<none>"));
        if (names.Count == 0) names.Add(("<none>", "<none>", "<none>"));

        foreach (var (repository, tag, digest) in names)
            yield return new JsonObject
            {
                ["Containers"] = "N/A",
                ["CreatedAt"] = GoTime(created),
                ["CreatedSince"] = HumanUnits.Ago(created, now),
                ["Digest"] = digest,
                ["ID"] = shortId,
                ["Repository"] = repository,
                ["SharedSize"] = "N/A",
                ["Size"] = HumanUnits.Size(size),
                ["Tag"] = tag,
                ["UniqueSize"] = "N/A",
                ["VirtualSize"] = HumanUnits.Size(size),
            };
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node is JsonArray a ? a.Select(n => n?.ToString() ?? "") : [];

    private static (string Repository, string Tag) SplitTag(string reference)
    {
        var colon = reference.LastIndexOf(':');
        return colon > reference.LastIndexOf('/') ? (reference[..colon], reference[(colon + 1)..]) : (reference, "<none>");
    }

    private static (string Repository, string? Digest) SplitDigest(string reference)
    {
        var at = reference.IndexOf('@');
        return at < 0 ? (reference, null) : (reference[..at], reference[(at + 1)..]);
    }

    // Go's time.Time String() in local time, which docker prints for CreatedAt: 2024-09-26 21:31:42 +0000 UTC.
    internal static string GoTime(DateTimeOffset t)
    {
        var local = t.ToLocalTime();
        var zone = TimeZoneInfo.Local.IsDaylightSavingTime(local) ? TimeZoneInfo.Local.DaylightName : TimeZoneInfo.Local.StandardName;
        if (zone is "Coordinated Universal Time" or "UTC" or "") zone = "UTC";
        return local.ToString("yyyy-MM-dd HH:mm:ss ", CultureInfo.InvariantCulture)
            + local.ToString("zzz", CultureInfo.InvariantCulture).Replace(":", "", StringComparison.Ordinal) + " " + zone;
    }
}
