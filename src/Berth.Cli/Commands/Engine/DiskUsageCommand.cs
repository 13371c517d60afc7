using System.Text.Json.Nodes;
using Berth.Cli.CommandLine;
using Berth.Cli.Output;
using Berth.Cli.Templates;

namespace Berth.Cli.Commands.Engine;

/// <summary>`berth system df`: disk usage by type, or per object with -v, in the docker CLI's layout.</summary>
public static class DiskUsageCommand
{
    /// <summary>The help text.</summary>
    public const string Help = """
        Usage:  berth system df [OPTIONS]

        Show berth disk usage

        Options:
              --format string   Format output using a custom template:
                                'table':            Print output in table format with column headers (default)
                                'table TEMPLATE':   Print output in table format using the given Go template
                                'json':             Print in JSON format
                                'TEMPLATE':         Print output using the given Go template.
                                Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates
          -v, --verbose         Show detailed information on space usage

        """;

    private const string SummaryTable = "{{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}";
    private const string ImageTable = "{{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}";
    private const string ContainerTable = "{{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.RunningFor}}\t{{.Status}}\t{{.Names}}";
    private const string VolumeTable = "{{.Name}}\t{{.Links}}\t{{.Size}}";
    private const string CacheTable = "{{.ID}}\t{{.CacheType}}\t{{.Size}}\t{{.CreatedSince}}\t{{.LastUsedSince}}\t{{.UsageCount}}\t{{.Shared}}";

    private static readonly Dictionary<string, string> Headers = new()
    {
        ["Type"] = "TYPE", ["TotalCount"] = "TOTAL", ["Active"] = "ACTIVE", ["Size"] = "SIZE", ["Reclaimable"] = "RECLAIMABLE",
        ["Repository"] = "REPOSITORY", ["Tag"] = "TAG", ["ID"] = "IMAGE ID", ["CreatedSince"] = "CREATED", ["SharedSize"] = "SHARED SIZE",
        ["UniqueSize"] = "UNIQUE SIZE", ["Containers"] = "CONTAINERS",
    };

    private static readonly Dictionary<string, string> ContainerHeaders = new()
    {
        ["ID"] = "CONTAINER ID", ["Image"] = "IMAGE", ["Command"] = "COMMAND", ["LocalVolumes"] = "LOCAL VOLUMES", ["Size"] = "SIZE",
        ["RunningFor"] = "CREATED", ["Status"] = "STATUS", ["Names"] = "NAMES",
    };

    private static readonly Dictionary<string, string> VolumeHeaders = new() { ["Name"] = "VOLUME NAME", ["Links"] = "LINKS", ["Size"] = "SIZE" };

    private static readonly Dictionary<string, string> CacheHeaders = new()
    {
        ["ID"] = "CACHE ID", ["CacheType"] = "CACHE TYPE", ["Size"] = "SIZE", ["CreatedSince"] = "CREATED", ["LastUsedSince"] = "LAST USED",
        ["UsageCount"] = "USAGE", ["Shared"] = "SHARED",
    };

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args)
    {
        var flags = new FlagSet("berth system df").Value("format").Bool("verbose", 'v').Bool("help", 'h').Parse(args);
        if (flags.IsOn("help")) { context.Out.Write(Help); return 0; }
        if (flags.Arguments.Count > 0) throw new UsageError("\"berth system df\" accepts no arguments.", "berth system df");
        var usage = await context.Client.GetJsonAsync("/system/df") as JsonObject ?? [];
        var images = Array(usage["Images"]);
        var format = flags.Get("format") is { Length: > 0 } f ? f : "table";
        if (format == "json") format = "{{json .}}";
        if (!flags.IsOn("verbose"))
        {
            context.Out.Write(FormatWriter.Render(format, Summary(usage, images), SummaryTable, Headers));
            return 0;
        }
        if (format != "table")
        {
            var imageRows = images.Select(i => ImageRow(i, truncate: false)).ToList();
            // With -v a custom template sees the whole report once, as docker's does.
            var report = new JsonObject
            {
                ["Images"] = new JsonArray([.. imageRows]), ["Containers"] = new JsonArray([.. ContainerRows(usage, truncate: false)]),
                ["Volumes"] = new JsonArray([.. Array(usage["Volumes"]).Select(VolumeRow)]), ["BuildCache"] = new JsonArray(),
            };
            // Docker runs that template once, adding no line break of its own.
            context.Out.Write(Template.Parse(format).Execute(report));
            return 0;
        }
        var output = context.Out;
        output.Write("Images space usage:\n\n");
        output.Write(FormatWriter.Render("table " + ImageTable, images.Select(i => ImageRow(i, truncate: true)), ImageTable, Headers));
        output.Write("\nContainers space usage:\n\n");
        output.Write(FormatWriter.Render("table " + ContainerTable, ContainerRows(usage, truncate: true), ContainerTable, ContainerHeaders));
        output.Write("\nLocal Volumes space usage:\n\n");
        output.Write(FormatWriter.Render("table " + VolumeTable, Array(usage["Volumes"]).Select(VolumeRow), VolumeTable, VolumeHeaders));
        output.Write($"\nBuild cache usage: {HumanUnits.PreciseSize(Long(usage["BuilderSize"]))}\n\n");
        output.Write(FormatWriter.Render("table " + CacheTable, [], CacheTable, CacheHeaders));
        return 0;
    }

    // One row per type, each reckoned as docker's formatter does.
    private static List<JsonNode?> Summary(JsonObject usage, List<JsonObject> images)
    {
        var total = Long(usage["LayersSize"]);
        long used = 0;
        foreach (var image in images.Where(i => Long(i["Containers"]) > 0))
            used += Long(image["Size"]) - Long(image["SharedSize"]);
        var reclaimable = total - used;
        return
        [
            Row("Images", images.Count, images.Count(i => Long(i["Containers"]) > 0), total,
                total > 0 ? $"{HumanUnits.PreciseSize(reclaimable)} ({reclaimable * 100 / total}%)" : HumanUnits.PreciseSize(reclaimable)),
            ContainersRow(Array(usage["Containers"])),
            VolumesRow(Array(usage["Volumes"])),
            BuildCacheRow(Array(usage["BuildCache"]), Long(usage["BuilderSize"])),
        ];
    }

    // Running, paused and restarting containers are active; the others' writable layers are reclaimable.
    private static JsonObject ContainersRow(List<JsonObject> containers)
    {
        long total = 0, reclaimable = 0;
        var active = 0;
        foreach (var container in containers)
        {
            var size = Long(container["SizeRw"]);
            total += size;
            if (container["State"]?.ToString() is { } state && (state.Contains("running") || state.Contains("paused") || state.Contains("restarting")))
                active++;
            else reclaimable += size;
        }
        return Row("Containers", containers.Count, active, total, Share(reclaimable, total));
    }

    // A volume is active while a container uses it; unknown sizes (-1) count for nothing.
    private static JsonObject VolumesRow(List<JsonObject> volumes)
    {
        long total = 0, reclaimable = 0;
        foreach (var volume in volumes)
        {
            var size = Long(volume["UsageData"]?["Size"]);
            if (size == -1) continue;
            total += size;
            if (Long(volume["UsageData"]?["RefCount"]) == 0) reclaimable += size;
        }
        return Row("Local Volumes", volumes.Count, volumes.Count(v => Long(v["UsageData"]?["RefCount"]) > 0), total, Share(reclaimable, total));
    }

    // Everything but the unshared records in use can be reclaimed.
    private static JsonObject BuildCacheRow(List<JsonObject> records, long builderSize)
    {
        var inUse = records.Where(r => Bool(r["InUse"]) && !Bool(r["Shared"])).Sum(r => Long(r["Size"]));
        return Row("Build Cache", records.Count, records.Count(r => Bool(r["InUse"])), records.Sum(r => Long(r["Size"])),
            HumanUnits.PreciseSize(builderSize - inUse));
    }

    private static string Share(long part, long total) =>
        total > 0 ? $"{HumanUnits.PreciseSize(part)} ({part * 100 / total}%)" : HumanUnits.PreciseSize(part);

    // As `ps` shows them, without the virtual size.
    private static IEnumerable<JsonNode?> ContainerRows(JsonObject usage, bool truncate)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var container in Array(usage["Containers"]))
        {
            var copy = (JsonObject)container.DeepClone();
            copy["SizeRootFs"] = 0L;
            yield return Containers.PsCommand.Row(copy, truncate, now);
        }
    }

    private static JsonNode? VolumeRow(JsonObject volume)
    {
        var size = Long(volume["UsageData"]?["Size"]);
        return new JsonObject
        {
            ["Driver"] = volume["Driver"]?.ToString() ?? "", ["Links"] = Long(volume["UsageData"]?["RefCount"]).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mountpoint"] = volume["Mountpoint"]?.ToString() ?? "", ["Name"] = volume["Name"]?.ToString() ?? "",
            ["Scope"] = volume["Scope"]?.ToString() ?? "", ["Size"] = size == -1 ? "N/A" : HumanUnits.PreciseSize(size),
        };
    }

    private static bool Bool(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    // Keys in Go's (sorted) order, so that {{json .}} prints what docker prints.
    private static JsonObject Row(string type, int total, int active, long size, string reclaimable) => new()
    {
        ["Active"] = active.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Reclaimable"] = reclaimable,
        ["Size"] = HumanUnits.PreciseSize(size), ["TotalCount"] = total.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Type"] = type,
    };

    // docker -v shows only an image's first tag (a dangling image is <none> <none>); its table truncates IDs, a
    // custom template sees them whole.
    private static JsonNode? ImageRow(JsonObject image, bool truncate)
    {
        var tag = image["RepoTags"] is JsonArray { Count: > 0 } tags ? tags[0]?.ToString() : null;
        var (repository, tagName) = ("<none>", "<none>");
        if (tag is not null && tag != "<none>:<none>")
        {
            var colon = tag.LastIndexOf(':');
            if (colon > tag.LastIndexOf('/')) (repository, tagName) = (tag[..colon], tag[(colon + 1)..]);
        }
        var id = image["Id"]?.ToString() ?? "";
        var size = Long(image["Size"]);
        var shared = Long(image["SharedSize"]);
        var containers = Long(image["Containers"]);
        var created = DateTimeOffset.FromUnixTimeSeconds(Long(image["Created"]));
        return new JsonObject
        {
            ["Containers"] = containers == -1 ? "N/A" : containers.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CreatedAt"] = Images.ImagesCommand.GoTime(created),
            ["CreatedSince"] = HumanUnits.Ago(created, DateTimeOffset.UtcNow),
            ["Digest"] = "",
            ["ID"] = truncate ? id.Replace("sha256:", "", StringComparison.Ordinal)[..Math.Min(12, Math.Max(0, id.Length - 7))] : id,
            ["Repository"] = repository,
            ["SharedSize"] = shared == -1 ? "N/A" : HumanUnits.PreciseSize(shared),
            ["Size"] = HumanUnits.Size(size),
            ["Tag"] = tagName,
            ["UniqueSize"] = shared == -1 || size == -1 ? "N/A" : HumanUnits.PreciseSize(size - shared),
            ["VirtualSize"] = HumanUnits.PreciseSize(size),
        };
    }

    private static List<JsonObject> Array(JsonNode? node) => node is JsonArray a ? a.OfType<JsonObject>().ToList() : [];

    private static long Long(JsonNode? node) => node is JsonValue v && v.TryGetValue<long>(out var l) ? l : 0;
}
