using System.Text.Json.Serialization;

namespace Berth.Oci.Image;

/// <summary>The "config" (and Docker's legacy "container_config") object of an image configuration: the defaults a
/// container of the image starts with. Field names are Go's, PascalCase, as both OCI and Docker write them; the
/// fields past the OCI set are Docker's and appear in images Docker built.</summary>
public sealed record ContainerConfig
{
    [JsonPropertyName("Hostname")] public string? Hostname { get; init; }
    [JsonPropertyName("Domainname")] public string? Domainname { get; init; }
    [JsonPropertyName("User")] public string? User { get; init; }
    [JsonPropertyName("AttachStdin")] public bool? AttachStdin { get; init; }
    [JsonPropertyName("AttachStdout")] public bool? AttachStdout { get; init; }
    [JsonPropertyName("AttachStderr")] public bool? AttachStderr { get; init; }
    /// <summary>Ports as "port/proto" keys, each value an empty object.</summary>
    [JsonPropertyName("ExposedPorts")] public Dictionary<string, EmptyObject?>? ExposedPorts { get; init; }
    [JsonPropertyName("Tty")] public bool? Tty { get; init; }
    [JsonPropertyName("OpenStdin")] public bool? OpenStdin { get; init; }
    [JsonPropertyName("StdinOnce")] public bool? StdinOnce { get; init; }
    [JsonPropertyName("Env")] public List<string>? Env { get; init; }
    [JsonPropertyName("Cmd")] public List<string>? Cmd { get; init; }
    [JsonPropertyName("Healthcheck")] public HealthConfig? Healthcheck { get; init; }
    /// <summary>Windows only: Cmd is already escaped into one command line.</summary>
    [JsonPropertyName("ArgsEscaped")] public bool? ArgsEscaped { get; init; }
    /// <summary>The parent image's ID or name (Docker's classic builder).</summary>
    [JsonPropertyName("Image")] public string? Image { get; init; }
    /// <summary>Volume mount points as keys, each value an empty object.</summary>
    [JsonPropertyName("Volumes")] public Dictionary<string, EmptyObject?>? Volumes { get; init; }
    [JsonPropertyName("WorkingDir")] public string? WorkingDir { get; init; }
    [JsonPropertyName("Entrypoint")] public List<string>? Entrypoint { get; init; }
    [JsonPropertyName("NetworkDisabled")] public bool? NetworkDisabled { get; init; }
    [JsonPropertyName("MacAddress")] public string? MacAddress { get; init; }
    [JsonPropertyName("OnBuild")] public List<string>? OnBuild { get; init; }
    [JsonPropertyName("Labels")] public Dictionary<string, string>? Labels { get; init; }
    [JsonPropertyName("StopSignal")] public string? StopSignal { get; init; }
    [JsonPropertyName("StopTimeout")] public int? StopTimeout { get; init; }
    [JsonPropertyName("Shell")] public List<string>? Shell { get; init; }
}
