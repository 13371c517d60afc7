using System.Globalization;
using System.Text.Json.Nodes;
using Berth.Cli.CommandLine;
using Berth.Cli.Output;
using Berth.Cli.Templates;

namespace Berth.Cli.Commands.Images;

/// <summary>`berth history` / `berth image history`: the steps that built an image, newest first.</summary>
public static class HistoryCommand
{
    /// <summary>The help text.</summary>
    public const string Help = """
        Usage:  berth history [OPTIONS] IMAGE

        Show the history of an image

        Options:
              --format string   Format output using a custom template
          -H, --human           Print sizes and dates in human readable format (default true)
              --no-trunc        Don't truncate output
          -q, --quiet           Only show image IDs

        """;

    private const string DefaultTable = "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";
    private const string ExactTable = "table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";
    private static readonly Dictionary<string, string> Headers = new()
    {
        ["ID"] = "IMAGE", ["CreatedSince"] = "CREATED", ["CreatedAt"] = "CREATED AT", ["CreatedBy"] = "CREATED BY", ["Size"] = "SIZE",
        ["Comment"] = "COMMENT",
    };

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, string command = "berth history")
    {
        var flags = new FlagSet(command).Value("format").Value("human", 'H').Bool("no-trunc").Bool("quiet", 'q').Bool("help", 'h').Parse(args);
        if (flags.IsOn("help")) { context.Out.Write(Help); return 0; }
        if (flags.Arguments.Count != 1) throw new UsageError($"\"{command}\" requires exactly 1 argument.", command);
        var human = flags.Get("human") is not ("false" or "0");
        var noTrunc = flags.IsOn("no-trunc");
        var steps = await context.Client.GetJsonAsync($"/images/{flags.Arguments[0]}/history") as JsonArray ?? [];
        var now = DateTimeOffset.UtcNow;
        var rows = new List<JsonNode?>();
        foreach (var step in steps.OfType<JsonObject>())
        {
            var id = step["Id"]?.ToString() ?? "";
            var created = DateTimeOffset.FromUnixTimeSeconds(step["Created"]?.GetValue<long>() ?? 0);
            var createdBy = (step["CreatedBy"]?.ToString() ?? "").Replace('\t', ' ');
            var size = step["Size"]?.GetValue<long>() ?? 0;
            rows.Add(new JsonObject
            {
                ["Comment"] = step["Comment"]?.ToString() ?? "",
                ["CreatedAt"] = Rfc3339Local(created),
                ["CreatedBy"] = noTrunc || createdBy.Length <= 45 ? createdBy : createdBy[..44] + "…",
                ["CreatedSince"] = human ? HumanUnits.Ago(created, now) : "N/A",
                ["ID"] = id.StartsWith("sha256:", StringComparison.Ordinal) && !noTrunc ? id[7..19] : id,
                ["Size"] = human ? HumanUnits.Size(size) : size.ToString(CultureInfo.InvariantCulture),
            });
        }
        var format = flags.Get("format");
        if (flags.IsOn("quiet")) format = "{{.ID}}";
        else if (format is null or "") format = human ? DefaultTable : ExactTable;
        context.Out.Write(FormatWriter.Render(format, rows, DefaultTable, Headers));
        return 0;
    }

    // Go's RFC 3339 in local time: "Z" for UTC, else the numeric offset.
    private static string Rfc3339Local(DateTimeOffset t)
    {
        var local = t.ToLocalTime();
        return local.Offset == TimeSpan.Zero
            ? local.ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : local.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
    }
}
