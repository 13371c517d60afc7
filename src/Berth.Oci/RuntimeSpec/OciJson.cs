using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Oci.RuntimeSpec;

/// <summary>Source-generated JSON metadata for the runtime spec types (AOT-safe, no reflection).</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = false)]
[JsonSerializable(typeof(Spec))]
[JsonSerializable(typeof(State))]
[JsonSerializable(typeof(Process))]
[JsonSerializable(typeof(LinuxResources))]
[JsonSerializable(typeof(List<State>))]
public sealed partial class OciJsonContext : JsonSerializerContext;
