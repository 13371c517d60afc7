using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Berth.Daemon.Errors;

namespace Berth.Daemon.Api;

/// <summary>Reads a request's JSON body as dockerd does: a 400 for malformed JSON, null for an empty body.</summary>
public static class RequestJson
{
    /// <summary>The body as T, or null when the body is empty.</summary>
    public static async Task<T?> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type) where T : class
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length == 0) return null;
        try
        {
            return JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), type);
        }
        catch (JsonException e)
        {
            throw new BadRequestError(e.Message);
        }
    }

    /// <summary>An integer query parameter, or null when absent; 400 with Go's strconv text when malformed.</summary>
    public static int? QueryInt(HttpContext context, string name)
    {
        var text = context.Request.Query[name].ToString();
        if (text.Length == 0) return null;
        return int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n : throw new BadRequestError($"strconv.Atoi: parsing \"{text}\": invalid syntax");
    }
}
