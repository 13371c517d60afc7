namespace Berth.Daemon.Errors;

/// <summary>A failure the API reports to its client: an HTTP status and the message Docker clients print.</summary>
public abstract class BerthError(int statusCode, string message) : Exception(message)
{
    /// <summary>The HTTP status the error middleware answers with.</summary>
    public int StatusCode { get; } = statusCode;
}

/// <summary>The request is malformed or names an unsupported API version (400).</summary>
public sealed class BadRequestError(string message) : BerthError(400, message);

/// <summary>The route or the object named does not exist (404).</summary>
public sealed class NotFoundError(string message) : BerthError(404, message);

/// <summary>The request conflicts with the current state (409).</summary>
public sealed class ConflictError(string message) : BerthError(409, message);

/// <summary>A Docker endpoint Berth does not serve yet (501), so clients fail loudly instead of trusting a fake answer.</summary>
public sealed class NotImplementedError(string message) : BerthError(501, message);

/// <summary>A storage failure passed on with the status the storage layer chose.</summary>
public sealed class StorageError(int statusCode, string message) : BerthError(statusCode, message);

/// <summary>berthd itself failed (500): a missing companion program, a runtime that refused.</summary>
public sealed class ServerError(string message) : BerthError(500, message);

/// <summary>The request changes nothing because the object already is as asked (304, empty body).</summary>
public sealed class NotModifiedError() : BerthError(304, "");

/// <summary>The operation is not allowed on this object (403), like copying into a read-only root filesystem.</summary>
public sealed class ForbiddenError(string message) : BerthError(403, message);
