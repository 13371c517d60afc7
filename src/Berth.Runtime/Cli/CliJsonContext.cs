using System.Text.Json.Serialization;

namespace Berth.Runtime.Cli;

/// <summary>Source-generated JSON for the command line's outputs and inputs.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<int>))]
[JsonSerializable(typeof(Features))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
