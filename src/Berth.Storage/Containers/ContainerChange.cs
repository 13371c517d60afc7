using System.Text.Json.Serialization;

namespace Berth.Storage.Containers;

/// <summary>What happened to a path, with the numbers the Engine API's /containers/{id}/changes uses.</summary>
public enum ChangeKind
{
    /// <summary>"C": the path existed in the image and differs now.</summary>
    Modified = 0,

    /// <summary>"A": the path is new.</summary>
    Added = 1,

    /// <summary>"D": the path existed in the image and is gone.</summary>
    Deleted = 2,
}

/// <summary>One entry of `docker diff`: an absolute path in the container and what happened to it.</summary>
public sealed record ContainerChange(
    [property: JsonPropertyName("Path")] string Path,
    [property: JsonPropertyName("Kind")] ChangeKind Kind);
