using System.Text.Json.Serialization;

namespace Berth.Runtime.Cgroups.Stats;

/// <summary>Source-generated JSON metadata for CgroupStats (AOT-safe); omissions are declared per property like runc's omitempty.</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(CgroupStats))]
internal sealed partial class CgroupStatsJsonContext : JsonSerializerContext;
