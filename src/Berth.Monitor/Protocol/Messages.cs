using System.Text.Json.Serialization;

namespace Berth.Monitor.Protocol;

/// <summary>One request line of the monitor's protocol (PROTOCOL.md); Op says which fields matter.</summary>
public sealed class MonitorRequest
{
    /// <summary>start, exec, subscribe, stdin, resize, list, watch or ack.</summary>
    public string Op { get; set; } = "";
    /// <summary>The process key: a container id (start) or an exec id (exec).</summary>
    public string? Key { get; set; }
    /// <summary>exec: the container the process runs in.</summary>
    public string? Container { get; set; }
    /// <summary>start: the OCI bundle folder.</summary>
    public string? Bundle { get; set; }
    /// <summary>exec: the OCI process JSON file.</summary>
    public string? ProcessJson { get; set; }
    /// <summary>The OCI runtime executable.</summary>
    public string? Runtime { get; set; }
    /// <summary>The runtime's --root.</summary>
    public string? RuntimeRoot { get; set; }
    /// <summary>Whether the process gets a terminal.</summary>
    public bool Tty { get; set; }
    /// <summary>Whether the process's stdin stays open for clients (else it reads /dev/null's EOF at once).</summary>
    public bool OpenStdin { get; set; }
    /// <summary>stdin: close the process's stdin when this connection ends.</summary>
    public bool CloseOnEnd { get; set; }
    /// <summary>resize: rows.</summary>
    public int Height { get; set; }
    /// <summary>resize: columns.</summary>
    public int Width { get; set; }
    /// <summary>start: the log driver and its options.</summary>
    public LogConfig? Log { get; set; }
}

/// <summary>A container's log driver as the monitor applies it.</summary>
public sealed record LogConfig(string Driver, string? Path, long MaxSize, int MaxFile, bool Compress);

/// <summary>The reply line to every request: Error set on failure, else the fields of the op.</summary>
public sealed class MonitorReply
{
    /// <summary>The failure, as a one-line message.</summary>
    public string? Error { get; set; }
    /// <summary>start/exec: the pid of the process.</summary>
    public int Pid { get; set; }
    /// <summary>list: the processes.</summary>
    public List<ProcessRecord>? Processes { get; set; }
}

/// <summary>A process the monitor owns (list), with its exit once it ended.</summary>
public sealed record ProcessRecord(string Key, int Pid, ExitRecord? Exit);

/// <summary>An exit: the watch stream's lines, and the content of the durable exit files.</summary>
public sealed record ExitRecord(string Key, int Pid, int ExitCode, DateTimeOffset ExitedAt);

/// <summary>Source-generated JSON for the protocol (both ends are AOT-friendly).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(MonitorRequest))]
[JsonSerializable(typeof(MonitorReply))]
[JsonSerializable(typeof(ExitRecord))]
public sealed partial class MonitorJson : JsonSerializerContext;
