using System.Text.Encodings.Web;
using System.Text.Json;
using Berth.Oci.Image;

namespace Berth.Storage.Containers;

/// <summary>The image config dockerd 20.10 writes for a commit (image.NewChildImage): the parent's platform, rootfs
/// and history, plus the new layer and a history entry {created, author, created_by = the container's Cmd joined by
/// spaces, comment}, marked empty_layer when the container changed nothing (no layer is added then). Keys are sorted,
/// as Go's map encoding writes them.</summary>
public static class CommitConfig
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The config JSON; parentConfig is null for a container FROM scratch, diffId null for an empty diff.</summary>
    public static byte[] Build(byte[]? parentConfig, Digest? diffId, CommitRequest request, DateTimeOffset created)
    {
        using var parent = JsonDocument.Parse(parentConfig ?? "{}"u8.ToArray());
        using var container = JsonDocument.Parse(request.ContainerConfig);
        var p = parent.RootElement;
        var createdText = Rfc3339.Format(created.ToUniversalTime());
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("architecture", Text(p, "architecture") is { Length: > 0 } arch ? arch : Platform.Current.Architecture);
            if (!string.IsNullOrEmpty(request.Author)) json.WriteString("author", request.Author);
            json.WritePropertyName("config");
            json.WriteRawValue(request.Config);
            json.WriteString("container", request.ContainerId);
            json.WritePropertyName("container_config");
            json.WriteRawValue(request.ContainerConfig);
            json.WriteString("created", createdText);
            json.WriteString("docker_version", request.DockerVersion);
            json.WriteStartArray("history");
            if (p.TryGetProperty("history", out var history) && history.ValueKind == JsonValueKind.Array)
                foreach (var entry in history.EnumerateArray()) entry.WriteTo(json);
            WriteHistoryEntry(json, createdText, request, CreatedBy(container.RootElement), diffId is null);
            json.WriteEndArray();
            json.WriteString("os", "linux");
            CopyIfPresent(p, "os.features", json);
            CopyIfPresent(p, "os.version", json);
            WriteRootFs(json, p, diffId);
            if (Text(p, "variant") is { Length: > 0 } variant) json.WriteString("variant", variant);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>dockerd's created_by: the container's Cmd joined by spaces (its entrypoint is not part of it).</summary>
    internal static string CreatedBy(JsonElement containerConfig)
        => containerConfig.ValueKind == JsonValueKind.Object && containerConfig.TryGetProperty("Cmd", out var cmd) && cmd.ValueKind == JsonValueKind.Array
            ? string.Join(' ', cmd.EnumerateArray().Select(c => c.GetString()))
            : "";

    private static void WriteHistoryEntry(Utf8JsonWriter json, string created, CommitRequest request, string createdBy, bool empty)
    {
        json.WriteStartObject();
        json.WriteString("created", created);
        if (!string.IsNullOrEmpty(request.Author)) json.WriteString("author", request.Author);
        if (createdBy.Length > 0) json.WriteString("created_by", createdBy);
        if (!string.IsNullOrEmpty(request.Comment)) json.WriteString("comment", request.Comment);
        if (empty) json.WriteBoolean("empty_layer", true);
        json.WriteEndObject();
    }

    private static void WriteRootFs(Utf8JsonWriter json, JsonElement parent, Digest? diffId)
    {
        var diffIds = new List<string>();
        if (parent.TryGetProperty("rootfs", out var rootfs) && rootfs.TryGetProperty("diff_ids", out var ids) && ids.ValueKind == JsonValueKind.Array)
            diffIds.AddRange(ids.EnumerateArray().Select(i => i.GetString() ?? ""));
        if (diffId is { } added) diffIds.Add(added.ToString());
        json.WriteStartObject("rootfs");
        json.WriteString("type", "layers");
        if (diffIds.Count > 0)
        {
            json.WriteStartArray("diff_ids");
            foreach (var id in diffIds) json.WriteStringValue(id);
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void CopyIfPresent(JsonElement parent, string name, Utf8JsonWriter json)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return;
        if (value.ValueKind == JsonValueKind.String && value.GetString() is "") return;
        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0) return;
        json.WritePropertyName(name);
        value.WriteTo(json);
    }

    private static string? Text(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
