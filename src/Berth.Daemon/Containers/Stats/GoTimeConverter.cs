using System.Text.Json;
using System.Text.Json.Serialization;
using Berth.Oci.Image;

namespace Berth.Daemon.Containers.Stats;

/// <summary>Writes times as Go's encoder does (RFC 3339 with nanoseconds, "Z"); the zero time is Go's zero time.</summary>
public sealed class GoTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => Rfc3339.TryParse(reader.GetString(), out var value) ? value : throw new JsonException("not an RFC 3339 time");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
        => writer.WriteStringValue(value == default ? "0001-01-01T00:00:00Z" : Rfc3339.Format(value.ToUniversalTime()));
}
