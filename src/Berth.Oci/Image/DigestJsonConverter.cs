using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Oci.Image;

/// <summary>Reads and writes a <see cref="Digest"/> as its "sha256:…" string; any other text is a JSON error.</summary>
public sealed class DigestJsonConverter : JsonConverter<Digest>
{
    /// <inheritdoc/>
    public override Digest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException($"expected a digest string, found {reader.TokenType}");
        var text = reader.GetString();
        return Digest.TryParse(text, out var digest)
            ? digest
            : throw new JsonException($"invalid digest \"{text}\": expected sha256: and 64 lowercase hex digits");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, Digest value, JsonSerializerOptions options)
    {
        // default(Digest) has no hex; writing "sha256:" would make a document no reader accepts.
        if (value.Hex is null) throw new JsonException("cannot write an empty digest");
        writer.WriteStringValue(value.ToString());
    }
}
