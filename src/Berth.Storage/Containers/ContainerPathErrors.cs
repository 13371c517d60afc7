namespace Berth.Storage.Containers;

/// <summary>dockerd's 404 for a `cp` path that is not in the container; the message names the path and the container
/// as the request gave them.</summary>
public sealed class ContainerFileNotFoundException(string path, string container)
    : StorageException(404, $"Could not find the file {path} in container {container}");

/// <summary>A `cp` request dockerd refuses: a bad parameter (400), or a path or tar it cannot use (500, as dockerd
/// answers for an extraction point that is not a directory or an unsafe tar entry).</summary>
public sealed class ContainerArchiveException(int statusCode, string message) : StorageException(statusCode, message)
{
    /// <summary>dockerd's answer to a request without ?path=.</summary>
    internal static ContainerArchiveException EmptyPath() => new(400, "bad parameter: pathcannot be empty");

    /// <summary>A tar entry dockerd's untar refuses; dockerd prefixes what its untar child said.</summary>
    internal static ContainerArchiveException BadTar(string problem) => new(500, "Error processing tar file(exit status 1): " + problem);
}
