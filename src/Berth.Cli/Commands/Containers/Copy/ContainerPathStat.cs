using System.Text.Json.Nodes;
using Berth.Cli.CommandLine;

namespace Berth.Cli.Commands.Containers.Copy;

/// <summary>A container path's stat as the archive endpoints report it (X-Docker-Container-Path-Stat: base64 JSON
/// with a Go os.FileMode).</summary>
public sealed record ContainerPathStat(string Name, long Size, uint Mode, string LinkTarget)
{
    private const uint ModeDir = 1u << 31, ModeSymlink = 1u << 27, ModeDevice = 1u << 26, ModeIrregular = 1u << 19;

    /// <summary>The header that carries the stat.</summary>
    public const string Header = "X-Docker-Container-Path-Stat";

    /// <summary>A directory.</summary>
    public bool IsDirectory => (Mode & ModeDir) != 0;

    /// <summary>A symbolic link.</summary>
    public bool IsSymlink => (Mode & ModeSymlink) != 0;

    /// <summary>docker's ValidateOutputPathFileMode: why a copy cannot land on this path, or null.</summary>
    public string? UnfitDestination => (Mode & ModeDevice) != 0 ? "got a device" : (Mode & ModeIrregular) != 0 ? "got an irregular file" : null;

    /// <summary>Parses the header's value; null when absent or malformed.</summary>
    public static ContainerPathStat? Parse(string? header)
    {
        if (string.IsNullOrEmpty(header)) return null;
        try
        {
            var json = JsonNode.Parse(Convert.FromBase64String(header)) as JsonObject;
            if (json == null) return null;
            return new ContainerPathStat(json["name"]?.ToString() ?? "", json["size"]?.GetValue<long>() ?? 0,
                json["mode"]?.GetValue<uint>() ?? 0, json["linkTarget"]?.ToString() ?? "");
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>HEAD /containers/{id}/archive: the stat, or null on any failure (docker's client goes on without one).</summary>
    public static async Task<ContainerPathStat?> GetAsync(CliContext context, string container, string path)
    {
        try
        {
            using var response = await context.Client.OpenAsync(HttpMethod.Head, Query(container, path));
            return Parse(response.Headers.TryGetValues(Header, out var values) ? values.FirstOrDefault() : null);
        }
        catch (CliError)
        {
            return null;
        }
    }

    /// <summary>The archive endpoint's path and query for a container path.</summary>
    public static string Query(string container, string path) =>
        $"/containers/{Uri.EscapeDataString(container)}/archive?path={Uri.EscapeDataString(path)}";
}
