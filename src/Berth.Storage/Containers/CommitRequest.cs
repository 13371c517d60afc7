namespace Berth.Storage.Containers;

/// <summary>What `docker commit` stores: the container's overlay upper dir over its image, the new image's config
/// (with the caller's --change lines already applied) and the container's own config, both as JSON objects.</summary>
public sealed record CommitRequest
{
    /// <summary>The container's overlay upper dir; its changes become the new layer.</summary>
    public required string UpperDir { get; init; }

    /// <summary>The container's image ID ("sha256:…"), the new image's parent; null for a container FROM scratch.</summary>
    public string? ParentImageId { get; init; }

    /// <summary>The new image's "config" object (Docker's container config shape).</summary>
    public required byte[] Config { get; init; }

    /// <summary>The container's config object, kept as "container_config"; its Cmd becomes the history's created_by.</summary>
    public required byte[] ContainerConfig { get; init; }

    /// <summary>The container's full ID ("container").</summary>
    public required string ContainerId { get; init; }

    /// <summary>--message: the history entry's comment.</summary>
    public string? Comment { get; init; }

    /// <summary>--author.</summary>
    public string? Author { get; init; }

    /// <summary>The repository to name the image, or null for a dangling image.</summary>
    public string? Repository { get; init; }

    /// <summary>The tag (default "latest").</summary>
    public string? Tag { get; init; }

    /// <summary>What the daemon reports as its version ("docker_version").</summary>
    public required string DockerVersion { get; init; }
}
