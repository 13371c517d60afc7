namespace Berth.Storage;

/// <summary>A storage failure with a user-facing message and the HTTP status the API answers with
/// (400 bad input, 404 not found, 409 conflict, 500 fault).</summary>
public class StorageException(int status, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The HTTP status code for the API.</summary>
    public int Status { get; } = status;
}
