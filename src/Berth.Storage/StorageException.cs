namespace Berth.Storage;

/// <summary>A storage failure with a user-facing message and the HTTP-like status the daemon should answer with
/// (400 bad input, 404 not found, 409 conflict, 500 fault).</summary>
public class StorageException : Exception
{
    /// <summary>400, 404, 409 or 500.</summary>
    public int StatusCode { get; }

    /// <summary>A failure with a status code and a message fit for the user.</summary>
    public StorageException(int statusCode, string message, Exception? inner = null) : base(message, inner)
        => StatusCode = statusCode;
}

/// <summary>Content did not hash (or measure) to what its descriptor promised (400).</summary>
public sealed class DigestMismatchException(string message) : StorageException(400, message);

/// <summary>A blob the store does not hold (404).</summary>
public sealed class BlobNotFoundException(string message) : StorageException(404, message);

/// <summary>A layer tarball that is corrupt or unsafe to unpack (400); the message names the entry.</summary>
public sealed class InvalidLayerException(string message, Exception? inner = null) : StorageException(400, message, inner);

/// <summary>A snapshot key that is unknown (404) or already taken (409).</summary>
public sealed class SnapshotException(int statusCode, string message, Exception? inner = null)
    : StorageException(statusCode, message, inner);
