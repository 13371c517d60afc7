using System.Text.Json.Serialization;

namespace Berth.Daemon.Api.Models;

/// <summary>GET /system/df, in Docker's shape; a section not asked for (type=) is null.</summary>
public sealed class DiskUsageResponse
{
    public long LayersSize { get; set; }
    public List<DiskUsageImage>? Images { get; set; }
    public List<ContainerSummary>? Containers { get; set; }
    public List<Dictionary<string, string>>? Volumes { get; set; }
    public List<Dictionary<string, string>>? BuildCache { get; set; }
    /// <summary>Only before API 1.42, which computed it server side.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? BuilderSize { get; set; }
}

/// <summary>One image of GET /system/df: an image summary whose SharedSize and Containers are filled in.</summary>
public sealed class DiskUsageImage
{
    public long Containers { get; set; }
    public long Created { get; set; }
    public string Id { get; set; } = "";
    public Dictionary<string, string>? Labels { get; set; }
    public string ParentId { get; set; } = "";
    public List<string>? RepoDigests { get; set; }
    public List<string>? RepoTags { get; set; }
    public long SharedSize { get; set; }
    public long Size { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? VirtualSize { get; set; }
}
