using System.Globalization;
using System.Text.Json.Nodes;
using Berth.Cli.CommandLine;
using Berth.Cli.Streams;

namespace Berth.Cli.Commands.Containers;

/// <summary>`berth logs`: the container's log, raw for a tty container and demultiplexed otherwise.</summary>
public static class LogsCommand
{
    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, string command = "berth logs")
    {
        var flags = Batch.Parse(new FlagSet(command).Bool("follow", 'f').Value("since").Value("until").Bool("timestamps", 't')
            .Bool("details").Value("tail", 'n'), args);
        if (flags.IsOn("help")) { context.Out.Write(ContainerHelp.For(ContainerHelp.Logs, command)); return 0; }
        if (flags.Arguments.Count != 1) throw new ArgumentsError(command, "1 argument", runHint: true);
        var name = Uri.EscapeDataString(flags.Arguments[0]);
        var container = await context.Client.GetJsonAsync($"/containers/{name}/json") as JsonObject;
        var now = DateTimeOffset.UtcNow;
        var query = Batch.Query(("stdout", "1"), ("stderr", "1"),
            ("since", flags.Get("since") is { Length: > 0 } since ? Timestamps.Parse(since, now, "since") : null),
            ("until", flags.Get("until") is { Length: > 0 } until ? Timestamps.Parse(until, now, "until") : null),
            ("timestamps", flags.IsOn("timestamps") ? "1" : null), ("details", flags.IsOn("details") ? "1" : null),
            ("follow", flags.IsOn("follow") ? "1" : null), ("tail", flags.Get("tail") ?? "all"));
        using var response = await context.Client.OpenAsync(HttpMethod.Get, $"/containers/{name}/logs{query}");
        await using var body = await response.Content.ReadAsStreamAsync();
        await context.Out.FlushAsync();
        using var stdout = Streams.StandardStreams.Open(1);
        if (container?["Config"]?["Tty"]?.GetValue<bool>() == true) await body.CopyToAsync(stdout);
        else
        {
            using var stderr = Streams.StandardStreams.Open(2);
            await StdCopy.CopyAsync(body, stdout, stderr);
        }
        return 0;
    }
}

/// <summary>Docker's timetypes.GetTimestamp: --since/--until values (a Go duration back from now, an RFC 3339 time or
/// date, or Unix seconds) as the "seconds.nanoseconds" the API takes.</summary>
public static class Timestamps
{
    /// <summary>The API form of value, relative to now; a failure names flag when given, as logs' messages do.</summary>
    public static string Parse(string value, DateTimeOffset now, string? flag = null)
    {
        if (value.Length > 0 && (char.IsDigit(value[0]) || value[0] == '.') && !value.Contains('-') && !value.Contains(':') &&
            value.All(c => char.IsDigit(c) || c == '.'))
            return value;
        try
        {
            var nanos = Containers.GoValues.ParseDuration(value);
            // A moment back from now is sent in whole seconds, as docker sends it.
            return (now - TimeSpan.FromTicks(nanos / 100)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        }
        catch (FormatException) { }
        string[] layouts = ["yyyy-MM-ddTHH:mm:ss.FFFFFFFFFK", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFFF", "yyyy-MM-ddTHH:mm:ss",
            "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH", "yyyy-MM-dd"];
        if (DateTimeOffset.TryParseExact(value, layouts, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeLocal | DateTimeStyles.AllowWhiteSpaces, out var time))
            return Format(time);
        throw new CliError((flag == null ? "" : $"invalid value for \"{flag}\": ") + $"failed to parse value as time or duration: \"{value}\"", 1);
    }

    private static string Format(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return $"{ticks / TimeSpan.TicksPerSecond}.{ticks % TimeSpan.TicksPerSecond * 100:D9}";
    }
}
