using System.Text.Json.Serialization;
using Berth.Oci.RuntimeSpec;

namespace Berth.Runtime.State;

/// <summary>What the runtime keeps about one container between commands (state.json in its state directory).</summary>
internal sealed class ContainerRecord
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("bundle")] public string Bundle { get; set; } = "";
    [JsonPropertyName("rootfs")] public string Rootfs { get; set; } = "";
    [JsonPropertyName("initPid")] public int InitPid { get; set; }
    /// <summary>The init's start time in clock ticks (/proc/PID/stat), telling it apart from a reused pid.</summary>
    [JsonPropertyName("initStartTime")] public ulong InitStartTime { get; set; }
    [JsonPropertyName("created")] public DateTime Created { get; set; }
    [JsonPropertyName("owner")] public string Owner { get; set; } = "root";
    /// <summary>The container's cgroup path in each hierarchy, so later commands reopen exactly that cgroup.</summary>
    [JsonPropertyName("cgroupPaths")] public Dictionary<string, string> CgroupPaths { get; set; } = new();
    /// <summary>The spec the container was created from; `update` keeps its resources current.</summary>
    [JsonPropertyName("spec")] public Spec Spec { get; set; } = new();
}
