using System.Text.Json.Serialization;
using Berth.Oci.RuntimeSpec;

namespace Berth.Runtime.Init;

/// <summary>What the runtime asks its init child to set up: a new container, or a process joining one.</summary>
internal sealed class InitRequest
{
    /// <summary>"create" for a container's first process, "exec" for a process joining a running container.</summary>
    [JsonPropertyName("mode")] public string Mode { get; set; } = InitModes.Create;
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    /// <summary>The spec to honour, without its seccomp profile; for exec its process is the process to start.</summary>
    [JsonPropertyName("spec")] public Spec Spec { get; set; } = new();
    /// <summary>The spec's seccomp profile, compiled by the runtime; null when the spec has none.</summary>
    [JsonPropertyName("seccomp")] public Seccomp.CompiledSeccomp? Seccomp { get; set; }
    /// <summary>Absolute host path of the root filesystem (create).</summary>
    [JsonPropertyName("rootfs")] public string Rootfs { get; set; } = "";
    /// <summary>An O_PATH descriptor of the exec fifo the init blocks on until `start` (create).</summary>
    [JsonPropertyName("fifoFd")] public int FifoFd { get; set; } = -1;
    /// <summary>A connected socket to send the pty master to, when the process has a terminal.</summary>
    [JsonPropertyName("consoleSocketFd")] public int ConsoleSocketFd { get; set; } = -1;
    /// <summary>How many descriptors after stdio the process keeps (--preserve-fds).</summary>
    [JsonPropertyName("preserveFds")] public int PreserveFds { get; set; }
    [JsonPropertyName("noPivot")] public bool NoPivot { get; set; }
    [JsonPropertyName("noNewKeyring")] public bool NoNewKeyring { get; set; }
    /// <summary>Unshare the cgroup namespace after the runtime placed the init in its cgroup.</summary>
    [JsonPropertyName("newCgroupNamespace")] public bool NewCgroupNamespace { get; set; }
    /// <summary>The container's init pid, whose mount namespace an exec joins.</summary>
    [JsonPropertyName("containerPid")] public int ContainerPid { get; set; }
    /// <summary>The state JSON handed to hooks on stdin.</summary>
    [JsonPropertyName("stateJson")] public string StateJson { get; set; } = "";
}

/// <summary>The two init modes.</summary>
internal static class InitModes
{
    /// <summary>Set up a new container.</summary>
    internal const string Create = "create";
    /// <summary>Join a running container.</summary>
    internal const string Exec = "exec";
}

/// <summary>Source-generated JSON for the runtime's own documents; the spec inside them goes through
/// <see cref="SpecJsonConverter"/>.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(SpecJsonConverter)])]
[JsonSerializable(typeof(InitRequest))]
[JsonSerializable(typeof(Berth.Runtime.State.ContainerRecord))]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext;
