using System.Text.Json.Serialization;
using Berth.Oci.RuntimeSpec;

namespace Berth.Runtime.Cli;

/// <summary>Source-generated JSON for the command line's outputs and inputs.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<int>))]
[JsonSerializable(typeof(LinuxResources))]
[JsonSerializable(typeof(Features))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
