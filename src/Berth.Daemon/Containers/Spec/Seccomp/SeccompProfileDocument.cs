using System.Text.Json.Serialization;

namespace Berth.Daemon.Containers.Spec.Seccomp;

/// <summary>A seccomp profile in Docker's own format (what `--security-opt seccomp=file.json` carries): OCI's fields
/// plus an architecture map and per-rule conditions on capabilities, architecture and kernel version.</summary>
public sealed class SeccompProfileDocument
{
    [JsonPropertyName("defaultAction")] public string DefaultAction { get; set; } = "";
    [JsonPropertyName("defaultErrnoRet")] public uint? DefaultErrnoRet { get; set; }
    [JsonPropertyName("architectures")] public List<string>? Architectures { get; set; }
    [JsonPropertyName("archMap")] public List<SeccompArchitectureEntry>? ArchMap { get; set; }
    [JsonPropertyName("syscalls")] public List<SeccompRuleEntry>? Syscalls { get; set; }
    [JsonPropertyName("listenerPath")] public string? ListenerPath { get; set; }
    [JsonPropertyName("listenerMetadata")] public string? ListenerMetadata { get; set; }
    [JsonPropertyName("flags")] public List<string>? Flags { get; set; }
}

/// <summary>A native architecture and the ABIs its processes may also use ("SCMP_ARCH_X86_64" → x86, x32).</summary>
public sealed class SeccompArchitectureEntry
{
    [JsonPropertyName("architecture")] public string Architecture { get; set; } = "";
    [JsonPropertyName("subArchitectures")] public List<string>? SubArchitectures { get; set; }
}

/// <summary>One rule: names (or the older single "name"), an action, argument checks, and when it applies.</summary>
public sealed class SeccompRuleEntry
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("names")] public List<string>? Names { get; set; }
    [JsonPropertyName("action")] public string Action { get; set; } = "";
    [JsonPropertyName("errnoRet")] public uint? ErrnoRet { get; set; }
    [JsonPropertyName("args")] public List<SeccompArgEntry?>? Args { get; set; }
    [JsonPropertyName("comment")] public string? Comment { get; set; }
    [JsonPropertyName("includes")] public SeccompCondition? Includes { get; set; }
    [JsonPropertyName("excludes")] public SeccompCondition? Excludes { get; set; }
}

/// <summary>A comparison of one syscall argument, as in OCI's LinuxSeccompArg.</summary>
public sealed class SeccompArgEntry
{
    [JsonPropertyName("index")] public uint Index { get; set; }
    [JsonPropertyName("value")] public ulong Value { get; set; }
    [JsonPropertyName("valueTwo")] public ulong ValueTwo { get; set; }
    [JsonPropertyName("op")] public string Op { get; set; } = "";
}

/// <summary>When a rule applies: capabilities in the bounding set, Go architecture names ("amd64"), a minimum kernel.</summary>
public sealed class SeccompCondition
{
    [JsonPropertyName("caps")] public List<string>? Caps { get; set; }
    [JsonPropertyName("arches")] public List<string>? Arches { get; set; }
    [JsonPropertyName("minKernel")] public string? MinKernel { get; set; }
}

/// <summary>Source-generated JSON metadata for Docker-format seccomp profiles; names match case-insensitively as Go's
/// encoding/json matches them.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(SeccompProfileDocument))]
internal sealed partial class SeccompProfileJsonContext : JsonSerializerContext;
