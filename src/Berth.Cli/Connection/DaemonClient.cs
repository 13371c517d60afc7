using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Cli.CommandLine;

namespace Berth.Cli.Connection;

/// <summary>HTTP/1.1 to berthd over its unix socket or TCP (+TLS), with the API version negotiated on first use.</summary>
public sealed class DaemonClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly TlsSettings? _tls;
    private Task<string>? _version;

    /// <summary>The daemon's address.</summary>
    public DaemonAddress Address { get; }

    /// <summary>Connects lazily to address; tls is null for plain connections.</summary>
    public DaemonClient(DaemonAddress address, TlsSettings? tls)
    {
        Address = address;
        _tls = tls;
        HttpMessageHandler handler;
        Uri baseAddress;
        if (address.IsUnix)
        {
            handler = new UnixSocketHandler(address.SocketPath);
            // The host name only fills the Host header; the socket decides where the request goes.
            baseAddress = new Uri("http://api.berth.localhost");
        }
        else
        {
            var sockets = new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(30) };
            if (tls != null) sockets.SslOptions = tls.ClientOptions(address.Host);
            handler = sockets;
            var host = address.Host.Contains(':') ? $"[{address.Host}]" : address.Host;
            baseAddress = new Uri($"{(tls != null ? "https" : "http")}://{host}:{address.Port}");
        }
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd($"Berth-Client/{BuildInfo.Version}");
    }

    /// <summary>The negotiated API version (pings the daemon the first time; callers at once share that ping).</summary>
    public Task<string> ApiVersionAsync(CancellationToken token = default) => _version ??= NegotiateAsync(token);

    private async Task<string> NegotiateAsync(CancellationToken token)
    {
        // HEAD first, as the docker CLI does; a server that refuses HEAD still answers GET.
        using var head = await SendAsync(new HttpRequestMessage(HttpMethod.Head, "/_ping"), token);
        var response = head;
        HttpResponseMessage? get = null;
        if (!head.IsSuccessStatusCode && !head.Headers.Contains("Api-Version"))
            response = get = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/_ping"), token);
        using (get) return ApiVersions.Negotiate(response.Headers.TryGetValues("Api-Version", out var v) ? v.FirstOrDefault() : null);
    }

    /// <summary>GETs a versioned path and parses the JSON reply; a daemon error becomes "Error response from daemon".</summary>
    public async Task<JsonNode?> GetJsonAsync(string path, CancellationToken token = default)
    {
        var version = await ApiVersionAsync(token);
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/v{version}{path}"), token);
        var body = await response.Content.ReadAsStringAsync(token);
        if (!response.IsSuccessStatusCode) throw Failure(body, response.StatusCode);
        try { return JsonNode.Parse(body); }
        catch (JsonException e) { throw new CliError($"error reading the daemon's answer to {path}: {e.Message}", 1); }
    }

    /// <summary>GETs a versioned path whose reply is a stream (an image archive); a daemon error becomes "Error response
    /// from daemon". The caller disposes the stream, which ends the response.</summary>
    public async Task<Stream> GetStreamAsync(string path, CancellationToken token = default)
    {
        var version = await ApiVersionAsync(token);
        var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/v{version}{path}"), token, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
                throw Failure(await response.Content.ReadAsStringAsync(token), response.StatusCode);
        }
        return await response.Content.ReadAsStreamAsync(token);
    }

    /// <summary>Sends a body-less request to a versioned path; the JSON reply, or null for an empty one.</summary>
    public async Task<JsonNode?> SendJsonAsync(HttpMethod method, string path, CancellationToken token = default)
    {
        var version = await ApiVersionAsync(token);
        using var response = await SendAsync(new HttpRequestMessage(method, $"/v{version}{path}"), token);
        var body = await response.Content.ReadAsStringAsync(token);
        if (!response.IsSuccessStatusCode) throw Failure(body, response.StatusCode);
        if (body.Trim().Length == 0) return null;
        try { return JsonNode.Parse(body); }
        catch (JsonException e) { throw new CliError($"error reading the daemon's answer to {path}: {e.Message}", 1); }
    }

    /// <summary>POSTs a stream to a versioned path and hands each line of the (JSON message) reply to onLine.</summary>
    public async Task PostStreamAsync(string path, Stream body, string contentType, Action<string> onLine, CancellationToken token = default)
    {
        var version = await ApiVersionAsync(token);
        var content = new StreamContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v{version}{path}") { Content = content };
        using var response = await SendAsync(request, token, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
            throw Failure(await response.Content.ReadAsStringAsync(token), response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(token));
        try
        {
            while (await reader.ReadLineAsync(token) is { } line)
                if (line.Length > 0) onLine(line);
        }
        // The daemon went away mid-answer; docker's message decoder says the same.
        catch (IOException) { throw new CliError("unexpected EOF", 1); }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken token,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        try
        {
            return await _http.SendAsync(request, completion, token);
        }
        catch (HttpRequestException e) when (e.InnerException is AuthenticationException || e.InnerException?.InnerException is AuthenticationException)
        {
            throw new CliError($"error during connect: {request.Method} {_http.BaseAddress}{request.RequestUri?.ToString().TrimStart('/')}: " +
                $"TLS handshake failed: {(e.InnerException as AuthenticationException ?? e.InnerException?.InnerException)?.Message}", 1);
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
                                               || e.InnerException is SocketException)
        {
            throw Unreachable();
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ResponseEnded)
        {
            // Connected, but the daemon closed the connection before answering (it stopped, or crashed).
            throw new CliError($"error during connect: {request.Method} {_http.BaseAddress}{request.RequestUri?.ToString().TrimStart('/')}: EOF", 1);
        }
        catch (IOException)
        {
            throw Unreachable();
        }
    }

    /// <summary>The docker CLI's message for a daemon that does not answer.</summary>
    public CliError Unreachable() => new($"Cannot connect to the Berth daemon at {Address.Text}. Is the berth daemon running?", 1);

    /// <summary>The versioned form of an API path ("/v1.41/containers/json").</summary>
    public async Task<string> VersionedAsync(string path, CancellationToken token = default) => $"/v{await ApiVersionAsync(token)}{path}";

    /// <summary>Sends a request (with an optional JSON body) to a versioned path; the JSON reply, or null for an empty one.</summary>
    public async Task<JsonNode?> RequestAsync(HttpMethod method, string path, JsonNode? body, CancellationToken token = default)
    {
        using var request = new HttpRequestMessage(method, await VersionedAsync(path, token)) { Content = JsonContent(body) };
        using var response = await SendAsync(request, token);
        var text = await response.Content.ReadAsStringAsync(token);
        if (!response.IsSuccessStatusCode) throw Failure(text, response.StatusCode);
        if (text.Trim().Length == 0) return null;
        try { return JsonNode.Parse(text); }
        catch (JsonException e) { throw new CliError($"error reading the daemon's answer to {path}: {e.Message}", 1); }
    }

    /// <summary>Sends a request and returns the response once its headers arrived (a stream: logs, stats, events, archives);
    /// a daemon error becomes a <see cref="DaemonError"/>. The caller disposes the response.</summary>
    public async Task<HttpResponseMessage> OpenAsync(HttpMethod method, string path, HttpContent? content = null, CancellationToken token = default)
    {
        using var request = new HttpRequestMessage(method, await VersionedAsync(path, token)) { Content = content };
        var response = await SendAsync(request, token, HttpCompletionOption.ResponseHeadersRead);
        if (response.IsSuccessStatusCode) return response;
        using (response) throw Failure(await response.Content.ReadAsStringAsync(token), response.StatusCode);
    }

    /// <summary>POSTs to a versioned path asking for the connection to be upgraded to a raw stream (attach, exec start).</summary>
    public async Task<HijackedConnection> HijackAsync(string path, JsonNode? body, CancellationToken token = default)
    {
        var target = await VersionedAsync(path, token);
        try
        {
            return await HijackedConnection.OpenAsync(Address, _tls, target, body?.ToJsonString(Commands.Containers.CreateBodyTemplate.Json), (t, s) => Failure(t, s), token);
        }
        catch (SocketException) { throw Unreachable(); }
    }

    private static StringContent? JsonContent(JsonNode? body) =>
        body == null ? null : new StringContent(body.ToJsonString(Commands.Containers.CreateBodyTemplate.Json), System.Text.Encoding.UTF8, "application/json");

    /// <summary>The daemon's error reply as docker prints it.</summary>
    internal static DaemonError Failure(string body, HttpStatusCode status) => new(ErrorMessage(body, status), (int)status);

    private static string ErrorMessage(string body, HttpStatusCode status)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject o && o["message"]?.GetValueKind() == JsonValueKind.String) return o["message"]!.GetValue<string>();
        }
        catch (JsonException) { }
        return body.Trim().Length > 0 ? body.Trim() : $"{(int)status} {status}";
    }

    /// <summary>Closes connections.</summary>
    public void Dispose() => _http.Dispose();
}
