using System.Text.Json.Serialization;
using Berth.Daemon.Api.Models;

namespace Berth.Daemon.Api;

/// <summary>Source-generated JSON for the API models; property names stay as declared, which is Docker's PascalCase.</summary>
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(VersionResponse))]
[JsonSerializable(typeof(InfoResponse))]
[JsonSerializable(typeof(List<ImageSummary>))]
[JsonSerializable(typeof(ImageInspect))]
[JsonSerializable(typeof(JsonMessage))]
[JsonSerializable(typeof(List<ImageDeleteItem>))]
[JsonSerializable(typeof(List<ImageHistoryItem>))]
[JsonSerializable(typeof(ImagePruneResponse))]
[JsonSerializable(typeof(DiskUsageResponse))]
[JsonSerializable(typeof(ContainerCreateRequest))]
[JsonSerializable(typeof(HostConfig))]
[JsonSerializable(typeof(List<int>))]
[JsonSerializable(typeof(ContainerCreateResponse))]
[JsonSerializable(typeof(ContainerWaitResponse))]
[JsonSerializable(typeof(ContainerInspect))]
[JsonSerializable(typeof(List<ContainerSummary>))]
[JsonSerializable(typeof(ContainerPruneResponse))]
[JsonSerializable(typeof(ExecCreateRequest))]
[JsonSerializable(typeof(ExecStartRequest))]
[JsonSerializable(typeof(ExecInspect))]
[JsonSerializable(typeof(IdResponse))]
[JsonSerializable(typeof(ContainerCreateConfig))]
[JsonSerializable(typeof(List<Berth.Storage.Containers.ContainerChange>))]
[JsonSerializable(typeof(ContainerUpdateResponse))]
[JsonSerializable(typeof(Berth.Daemon.Containers.Store.ContainerRecord))]
public sealed partial class ApiJsonContext : JsonSerializerContext
{
    /// <summary>The context the API writes with: like Go's encoder, it escapes only what HTML needs, not '+' or non-ASCII text.</summary>
    public static ApiJsonContext Api { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
