using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Cli.CommandLine;
using Berth.Cli.Commands.Containers;
using Berth.Cli.Templates;

namespace Berth.Cli.Commands.Engine;

/// <summary>`berth events` / `system events`: the daemon's events between --since and --until (or until interrupted),
/// one line each in docker's layout, or through a template.</summary>
public static class EventsCommand
{
    /// <summary>The help text.</summary>
    public const string Help = """
        Usage:  berth events [OPTIONS]

        Get real time events from the server

        Aliases:
          berth system events, berth events

        Options:
          -f, --filter filter   Filter output based on conditions provided
              --format string   Format output using a custom template:
                                'json':             Print in JSON format
                                'TEMPLATE':         Print output using the given
                                Go template.
                                Refer to https://docs.docker.com/go/formatting/
                                for more information about formatting output with
                                templates
              --since string    Show all events created since timestamp
              --until string    Stream events until this timestamp

        """;

    /// <summary>Runs the command, its usage errors worded as docker's.</summary>
    public static Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, string command) =>
        UsageErrors.GuardAsync(() => RunParsedAsync(context, args, command), command, HelpOf(command));

    // `system events --help` names itself in its Usage line.
    private static string HelpOf(string command) => Help.Replace("Usage:  berth events", "Usage:  " + command, StringComparison.Ordinal);

    private static async Task<int> RunParsedAsync(CliContext context, IReadOnlyList<string> args, string command)
    {
        var flags = new FlagSet(command).Value("filter", 'f').Value("format").Value("since").Value("until").Bool("help").Parse(args);
        if (flags.IsOn("help")) { context.Out.Write(HelpOf(command)); return 0; }
        if (flags.Arguments.Count > 0) throw new ArgumentsError(command, "no arguments", runHint: true);
        var format = flags.Get("format") == "json" ? "{{json .}}" : flags.Get("format") ?? "";
        var template = TemplateFor(format);
        // Go's fields exist even when empty, but {{json .}} leaves the empty deprecated ones out (omitempty).
        var wholeJson = format == "{{json .}}";
        var filters = FilterArgs.Parse(flags.Values("filter"), command);
        var now = DateTimeOffset.UtcNow;
        var query = Batch.Query(("since", flags.Get("since") is { Length: > 0 } since ? Timestamps.Parse(since, now) : null),
            ("until", flags.Get("until") is { Length: > 0 } until ? Timestamps.Parse(until, now) : null),
            ("filters", filters.Count > 0 ? FilterArgs.ToJson(filters) : null));
        using var response = await context.Client.OpenAsync(HttpMethod.Get, "/events" + query);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line.Length == 0) continue;
                var message = Message(JsonNode.Parse(line) as JsonObject ?? []);
                await context.Out.WriteAsync(template == null ? Line(message) : template.Execute(wholeJson ? message : WithZeroValues(message)) + "\n");
                await context.Out.FlushAsync();
            }
        }
        catch (IOException) { throw new CliError("unexpected EOF", 1); }
        return 0;
    }

    // Docker checks a template before asking for events, by running it on an empty message.
    private static Template? TemplateFor(string format)
    {
        if (format.Length == 0) return null;
        try
        {
            var template = Template.Parse(format);
            template.Execute(WithZeroValues(Message([])));
            return template;
        }
        catch (TemplateError e)
        {
            throw new CliError("Error parsing format: " + e.Message, 64);
        }
    }

    /// <summary>An event as docker's events.Message marshals it: its fields in order, the deprecated status, id and from
    /// (and scope, time, timeNano) only when set, the attributes sorted by key.</summary>
    public static JsonObject Message(JsonObject e)
    {
        var message = new JsonObject();
        foreach (var key in new[] { "status", "id", "from" })
            if (e[key]?.ToString() is { Length: > 0 } value) message[key] = value;
        message["Type"] = e["Type"]?.ToString() ?? "";
        message["Action"] = e["Action"]?.ToString() ?? "";
        var attributes = e["Actor"]?["Attributes"] is JsonObject a
            ? new JsonObject(a.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())))
            : null;
        message["Actor"] = new JsonObject { ["ID"] = e["Actor"]?["ID"]?.ToString() ?? "", ["Attributes"] = attributes };
        if (e["scope"]?.ToString() is { Length: > 0 } scope) message["scope"] = scope;
        if (Long(e["time"]) is not 0 and var time) message["time"] = time;
        if (Long(e["timeNano"]) is not 0 and var nanos) message["timeNano"] = nanos;
        return message;
    }

    /// <summary>The message with every field of Go's struct present, empty ones as their zero value, as templates see it.</summary>
    public static JsonObject WithZeroValues(JsonObject message)
    {
        // A parsed copy: its numbers read back as integers, as the API's do.
        var full = (JsonObject)JsonNode.Parse(message.ToJsonString())!;
        foreach (var (key, zero) in new (string, string)[] { ("status", "\"\""), ("id", "\"\""), ("from", "\"\""), ("scope", "\"\""), ("time", "0"), ("timeNano", "0") })
            if (!full.ContainsKey(key)) full[key] = JsonNode.Parse(zero);
        return full;
    }

    /// <summary>Docker's default line: the local time with nanoseconds, type, action, actor id and "(key=value, …)".</summary>
    public static string Line(JsonObject message)
    {
        var nanos = Long(message["timeNano"]);
        if (nanos == 0) nanos = Long(message["time"]) * 1_000_000_000;
        var line = nanos != 0 ? FixedNanoTime(nanos, TimeZoneInfo.Local) + " " : "";
        line += $"{message["Type"]} {message["Action"]} {message["Actor"]?["ID"]}";
        if (message["Actor"]?["Attributes"] is JsonObject { Count: > 0 } attributes)
            line += " (" + string.Join(", ", attributes.Select(p => $"{p.Key}={p.Value}")) + ")";
        return line + "\n";
    }

    /// <summary>Go's "2006-01-02T15:04:05.000000000Z07:00" of a Unix time in nanoseconds, in the given zone.</summary>
    public static string FixedNanoTime(long unixNanos, TimeZoneInfo zone)
    {
        var utc = DateTimeOffset.UnixEpoch.AddTicks(Math.DivRem(unixNanos, 100L, out _));
        var offset = zone.GetUtcOffset(utc);
        var local = utc.ToOffset(offset);
        var fraction = ((unixNanos % 1_000_000_000) + 1_000_000_000) % 1_000_000_000;
        var zoneText = offset == TimeSpan.Zero ? "Z" : (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString("hh\\:mm", CultureInfo.InvariantCulture);
        return local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "." + fraction.ToString("D9", CultureInfo.InvariantCulture) + zoneText;
    }

    private static long Long(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var l) ? l : 0;
}
