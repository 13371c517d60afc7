using System.Text.Json.Serialization;

namespace Berth.Oci.RuntimeSpec;

/// <summary>Serialisation-only JSON for the spec types, written by the generated fast path (straight Utf8JsonWriter
/// calls) so that writing a spec configures no property metadata; reading goes through <see cref="SpecReader"/>.</summary>
[JsonSourceGenerationOptions(
    GenerationMode = JsonSourceGenerationMode.Serialization,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Spec))]
[JsonSerializable(typeof(Process))]
[JsonSerializable(typeof(LinuxResources))]
public sealed partial class SpecWriteContext : JsonSerializerContext;
