using System.Text.Json.Serialization;

namespace Berth.Oci.Image;

/// <summary>The "oci-layout" file at the root of an OCI image layout, which marks the directory and its version.</summary>
public sealed record OciLayoutFile
{
    /// <summary>The layout version this spec defines and Berth writes.</summary>
    public const string CurrentVersion = "1.0.0";

    [JsonPropertyName("imageLayoutVersion")] public string ImageLayoutVersion { get; init; } = CurrentVersion;
}
