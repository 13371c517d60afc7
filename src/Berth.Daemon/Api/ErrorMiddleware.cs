using System.Text.Json;
using Berth.Daemon.Api.Models;
using Berth.Daemon.Errors;

namespace Berth.Daemon.Api;

/// <summary>The one place errors become responses: a <see cref="BerthError"/> is the client's problem, anything else is a fault (500, logged).</summary>
public sealed class ErrorMiddleware(RequestDelegate next, ILogger<ErrorMiddleware> logger)
{
    /// <summary>Runs the middleware.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (NotModifiedError)
        {
            if (!context.Response.HasStarted) context.Response.StatusCode = 304;
        }
        catch (BerthError e)
        {
            logger.LogDebug("{Method} {Path}: {Status} {Message}", context.Request.Method, context.Request.Path, e.StatusCode, e.Message);
            await WriteAsync(context, e.StatusCode, e.Message);
        }
        catch (Berth.Storage.StorageException e)
        {
            logger.LogDebug("{Method} {Path}: {Status} {Message}", context.Request.Method, context.Request.Path, e.StatusCode, e.Message);
            await WriteAsync(context, e.StatusCode, e.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception e)
        {
            logger.LogError(e, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
            await WriteAsync(context, 500, e.Message);
        }
    }

    /// <summary>Writes Docker's error body.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string message)
    {
        if (context.Response.HasStarted) return;
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (HttpMethods.IsHead(context.Request.Method)) return;
        await JsonSerializer.SerializeAsync(context.Response.Body, new ErrorResponse { Message = message }, ApiJsonContext.Api.ErrorResponse,
            context.RequestAborted);
        await context.Response.Body.WriteAsync("\n"u8.ToArray(), context.RequestAborted);
    }
}
