using Berth.Daemon.Errors;

namespace Berth.Daemon.Api.Streams;

/// <summary>The query of GET /containers/{id}/logs, read the way dockerd reads it.</summary>
public sealed record LogQuery(bool Stdout, bool Stderr, bool Follow, bool Timestamps, bool Details, string Since, string Until, string Tail)
{
    /// <summary>Reads the query; dockerd's 400 when neither stream is asked for (checked before the container is looked up).</summary>
    public static LogQuery Parse(IQueryCollection query)
    {
        string Text(string key) => query.TryGetValue(key, out var v) && v.Count > 0 ? v[0] ?? "" : "";
        bool Flag(string key) => QueryFlags.IsTrue(Text(key));
        var options = new LogQuery(Flag("stdout"), Flag("stderr"), Flag("follow"), Flag("timestamps"), Flag("details"), Text("since"), Text("until"), Text("tail"));
        if (!options.Stdout && !options.Stderr) throw new BadRequestError("Bad parameters: you must choose at least one stream");
        return options;
    }

    /// <summary>
    /// How many messages from the end to send: null for all ("all", garbage and negative numbers, as Atoi fails or tail &lt; 0).
    /// dockerd counts them before the stdout/stderr filter: tail=1 on a log ending with a stderr line shows no stdout line.
    /// </summary>
    public int? TailLines => GoInteger.TryParse(Tail, out _, "Atoi") is { } n and >= 0 ? (int)Math.Min(n, int.MaxValue) : null;

    /// <summary>
    /// The time window: since (null: from the start) and until (null: no end; "0" counts as none). Malformed values fail with Go's
    /// parse error; dockerd checks them after finding the container, so call this after that lookup.
    /// </summary>
    public (DateTime? Since, DateTime? Until) Window()
    {
        DateTime? since = Since == "" ? null : UnixTimestamp.TryParse(Since, out var sinceError) ?? throw new LogQueryError(sinceError!);
        DateTime? until = Until is "" or "0" ? null : UnixTimestamp.TryParse(Until, out var untilError) ?? throw new LogQueryError(untilError!);
        return (since, until);
    }
}

/// <summary>A since or until value dockerd cannot read: Go's strconv error, which dockerd 20.10 passes on untyped, so as a 500.</summary>
public sealed class LogQueryError(string message) : BerthError(500, message);
