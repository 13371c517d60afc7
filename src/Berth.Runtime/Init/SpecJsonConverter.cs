using System.Text.Json;
using System.Text.Json.Serialization;
using Berth.Oci.RuntimeSpec;

namespace Berth.Runtime.Init;

/// <summary>Reads and writes a <see cref="Spec"/> inside the runtime's own documents (InitRequest, ContainerRecord)
/// without the metadata-driven STJ path, whose first use costs milliseconds in every fresh process.</summary>
internal sealed class SpecJsonConverter : JsonConverter<Spec>
{
    public override Spec Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => SpecReader.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, Spec value, JsonSerializerOptions options)
        => JsonSerializer.Serialize(writer, value, SpecWriteContext.Default.Spec);
}
