using System.Text.Encodings.Web;
using System.Text.Json;
using Berth.Oci.Image;

namespace Berth.Daemon.Images;

/// <summary>The config blob of an imported image, written field for field as dockerd writes it: the container config
/// with the changes applied, an empty container_config, one history entry whose comment is the message.</summary>
public static class ImportedImageConfig
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The config's exact bytes (their digest is the image ID).</summary>
    public static byte[] Write(ContainerConfig config, Platform platform, string comment, string created, string engineVersion, Digest diffId)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("architecture", platform.Architecture);
            json.WriteString("comment", comment);
            json.WritePropertyName("config");
            WriteContainerConfig(json, config);
            json.WritePropertyName("container_config");
            WriteContainerConfig(json, new ContainerConfig());
            json.WriteString("created", created);
            json.WriteString("docker_version", engineVersion);
            json.WriteStartArray("history");
            json.WriteStartObject();
            json.WriteString("created", created);
            json.WriteString("comment", comment);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteString("os", platform.Os);
            json.WriteStartObject("rootfs");
            json.WriteString("type", "layers");
            json.WriteStartArray("diff_ids");
            json.WriteStringValue(diffId.ToString());
            json.WriteEndArray();
            json.WriteEndObject();
            if (!string.IsNullOrEmpty(platform.Variant)) json.WriteString("variant", platform.Variant);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    // Go's container.Config in declaration order; omitempty fields only when set, maps with sorted keys.
    private static void WriteContainerConfig(Utf8JsonWriter json, ContainerConfig c)
    {
        json.WriteStartObject();
        json.WriteString("Hostname", c.Hostname ?? "");
        json.WriteString("Domainname", c.Domainname ?? "");
        json.WriteString("User", c.User ?? "");
        json.WriteBoolean("AttachStdin", c.AttachStdin ?? false);
        json.WriteBoolean("AttachStdout", c.AttachStdout ?? false);
        json.WriteBoolean("AttachStderr", c.AttachStderr ?? false);
        if (c.ExposedPorts is { Count: > 0 }) WriteSet(json, "ExposedPorts", c.ExposedPorts.Keys);
        json.WriteBoolean("Tty", c.Tty ?? false);
        json.WriteBoolean("OpenStdin", c.OpenStdin ?? false);
        json.WriteBoolean("StdinOnce", c.StdinOnce ?? false);
        WriteList(json, "Env", c.Env);
        WriteList(json, "Cmd", c.Cmd);
        if (c.Healthcheck is { } health) WriteHealth(json, health);
        json.WriteString("Image", c.Image ?? "");
        if (c.Volumes is null) json.WriteNull("Volumes");
        else WriteSet(json, "Volumes", c.Volumes.Keys);
        json.WriteString("WorkingDir", c.WorkingDir ?? "");
        WriteList(json, "Entrypoint", c.Entrypoint);
        WriteList(json, "OnBuild", c.OnBuild);
        if (c.Labels is null) json.WriteNull("Labels");
        else
        {
            json.WriteStartObject("Labels");
            foreach (var (key, value) in c.Labels.OrderBy(l => l.Key, StringComparer.Ordinal)) json.WriteString(key, value);
            json.WriteEndObject();
        }
        if (!string.IsNullOrEmpty(c.StopSignal)) json.WriteString("StopSignal", c.StopSignal);
        json.WriteEndObject();
    }

    private static void WriteHealth(Utf8JsonWriter json, HealthConfig health)
    {
        json.WriteStartObject("Healthcheck");
        if (health.Test is { Count: > 0 }) WriteList(json, "Test", health.Test);
        if (health.Interval is { } interval and not 0) json.WriteNumber("Interval", interval);
        if (health.Timeout is { } timeout and not 0) json.WriteNumber("Timeout", timeout);
        if (health.StartPeriod is { } start and not 0) json.WriteNumber("StartPeriod", start);
        if (health.Retries is { } retries and not 0) json.WriteNumber("Retries", retries);
        json.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter json, string name, List<string>? items)
    {
        if (items is null)
        {
            json.WriteNull(name);
            return;
        }
        json.WriteStartArray(name);
        foreach (var item in items) json.WriteStringValue(item);
        json.WriteEndArray();
    }

    private static void WriteSet(Utf8JsonWriter json, string name, IEnumerable<string> keys)
    {
        json.WriteStartObject(name);
        foreach (var key in keys.OrderBy(k => k, StringComparer.Ordinal))
        {
            json.WriteStartObject(key);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }
}
