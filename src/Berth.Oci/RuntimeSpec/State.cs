using System.Text.Json.Serialization;

namespace Berth.Oci.RuntimeSpec;

/// <summary>The state of a container as the runtime reports it (`state` command, hook stdin).</summary>
public sealed class State
{
    [JsonPropertyName("ociVersion")] public string OciVersion { get; set; } = SpecVersion.Current;
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("pid")] public int Pid { get; set; }
    [JsonPropertyName("status")] public string Status { get; set; } = "";
    [JsonPropertyName("bundle")] public string Bundle { get; set; } = "";
    [JsonPropertyName("rootfs")] public string? Rootfs { get; set; }
    [JsonPropertyName("created")] public DateTime? Created { get; set; }
    [JsonPropertyName("owner")] public string? Owner { get; set; }
    [JsonPropertyName("annotations")] public Dictionary<string, string>? Annotations { get; set; }
}

/// <summary>The container statuses of the runtime spec, plus runc's "paused".</summary>
public static class ContainerStatus
{
    /// <summary>The runtime is still setting the container up.</summary>
    public const string Creating = "creating";
    /// <summary>Set up, waiting for `start`.</summary>
    public const string Created = "created";
    /// <summary>The user's process runs.</summary>
    public const string Running = "running";
    /// <summary>Frozen by the freezer cgroup.</summary>
    public const string Paused = "paused";
    /// <summary>The container's process has exited.</summary>
    public const string Stopped = "stopped";
}
