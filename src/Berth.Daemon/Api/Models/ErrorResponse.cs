namespace Berth.Daemon.Api.Models;

/// <summary>Docker's error body: {"message": "..."}.</summary>
public sealed class ErrorResponse
{
    /// <summary>The message clients print after "Error response from daemon:".</summary>
    [System.Text.Json.Serialization.JsonPropertyName("message")]
    public required string Message { get; init; }
}
