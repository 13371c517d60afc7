using System.Text.Json;

namespace Berth.Oci.Image;

/// <summary>The metadata files of a `docker save` tarball: manifest.json, and the legacy "repositories" file
/// ({"name": {"tag": "&lt;hex image ID&gt;"}}) that old Docker versions read instead.</summary>
public static class DockerArchive
{
    /// <summary>The manifest file's name.</summary>
    public const string ManifestFileName = "manifest.json";
    /// <summary>The legacy tag file's name.</summary>
    public const string RepositoriesFileName = "repositories";

    /// <summary>Reads manifest.json; throws JsonException for malformed JSON or a null document.</summary>
    public static List<DockerArchiveManifestEntry> ParseManifest(ReadOnlySpan<byte> utf8Json)
        => JsonSerializer.Deserialize(utf8Json, ImageJsonContext.Default.ListDockerArchiveManifestEntry)
            ?? throw new JsonException($"{ManifestFileName} is null");

    /// <summary>Reads the repositories file: repository name → tag → image ID hex (no "sha256:").</summary>
    public static Dictionary<string, Dictionary<string, string>> ParseRepositories(ReadOnlySpan<byte> utf8Json)
        => JsonSerializer.Deserialize(utf8Json, ImageJsonContext.Default.DictionaryStringDictionaryStringString)
            ?? throw new JsonException($"{RepositoriesFileName} is null");
}
