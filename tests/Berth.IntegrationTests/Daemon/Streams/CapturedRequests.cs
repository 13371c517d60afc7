using System.Text;

namespace Berth.IntegrationTests.Daemon.Streams;

/// <summary>
/// Hijack requests byte for byte as the clients send them, recorded on a unix socket from docker 28.2.2 (`docker exec -i`,
/// `docker attach`), docker 20.10.24 (same) and docker-py 7.1.0 (exec_create then exec_start(socket=True), attach_socket).
/// </summary>
internal static class CapturedRequests
{
    /// <summary>docker 28's exec start (its JSON body carries Content-Length).</summary>
    public static byte[] Docker28ExecStart(string id = "plain", bool tty = false) => Request(
        $"POST /v1.47/exec/{id}/start HTTP/1.1\r\nHost: api.moby.localhost\r\nUser-Agent: Docker-Client/28.2.2 (linux)\r\n",
        "Connection: Upgrade\r\nContent-Type: application/json\r\nUpgrade: tcp\r\n",
        $"{{\"Detach\":false,\"Tty\":{(tty ? "true" : "false")}}}\n");

    /// <summary>docker 20.10's exec start: the same shape, with an empty Host header.</summary>
    public static byte[] Docker2010ExecStart(string id = "plain") => Request(
        $"POST /v1.41/exec/{id}/start HTTP/1.1\r\nHost: \r\nUser-Agent: Docker-Client/20.10.24+dfsg1 (linux)\r\n",
        "Connection: Upgrade\r\nContent-Type: application/json\r\nUpgrade: tcp\r\n",
        "{\"Detach\":false,\"Tty\":false}\n");

    /// <summary>docker 28's attach (Content-Length: 0).</summary>
    public static byte[] Docker28Attach(string container = "x") => Request(
        $"POST /v1.47/containers/{container}/attach?stderr=1&stdin=1&stdout=1&stream=1 HTTP/1.1\r\nHost: api.moby.localhost\r\nUser-Agent: Docker-Client/28.2.2 (linux)\r\n",
        "Connection: Upgrade\r\nContent-Type: text/plain\r\nUpgrade: tcp\r\n", "");

    /// <summary>docker 20.10's attach.</summary>
    public static byte[] Docker2010Attach(string container = "x") => Request(
        $"POST /v1.41/containers/{container}/attach?stderr=1&stdin=1&stdout=1&stream=1 HTTP/1.1\r\nHost: \r\nUser-Agent: Docker-Client/20.10.24+dfsg1 (linux)\r\n",
        "Connection: Upgrade\r\nContent-Type: text/plain\r\nUpgrade: tcp\r\n", "");

    /// <summary>docker-py's exec create, sent on a keep-alive connection that its exec start then reuses.</summary>
    public static byte[] DockerPyExecCreate()
    {
        const string body = "{\"Container\": \"x\", \"User\": \"\", \"Privileged\": false, \"Tty\": false, \"AttachStdin\": true, \"AttachStdout\": true, \"AttachStderr\": true, \"Cmd\": [\"cat\"]}";
        return Encoding.ASCII.GetBytes(
            "POST /v1.41/containers/x/exec HTTP/1.1\r\nHost: localhost\r\nUser-Agent: docker-sdk-python/7.1.0\r\nAccept-Encoding: gzip, deflate\r\nAccept: */*\r\n"
            + $"Connection: keep-alive\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n{body}");
    }

    /// <summary>docker-py's exec start: Content-Length after the upgrade headers, no trailing newline in the body.</summary>
    public static byte[] DockerPyExecStart(string id = "plain")
    {
        const string body = "{\"Tty\": false, \"Detach\": false}";
        return Encoding.ASCII.GetBytes(
            $"POST /v1.41/exec/{id}/start HTTP/1.1\r\nHost: localhost\r\nUser-Agent: docker-sdk-python/7.1.0\r\nAccept-Encoding: gzip, deflate\r\nAccept: */*\r\n"
            + $"Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n{body}");
    }

    /// <summary>docker-py's attach_socket.</summary>
    public static byte[] DockerPyAttach() => Encoding.ASCII.GetBytes(
        "POST /v1.41/containers/x/attach?stdin=1&stdout=1&stream=1 HTTP/1.1\r\nHost: localhost\r\nUser-Agent: docker-sdk-python/7.1.0\r\nAccept-Encoding: gzip, deflate\r\nAccept: */*\r\n"
        + "Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n");

    // The Go client writes Content-Length right after User-Agent, then the other headers sorted.
    private static byte[] Request(string start, string rest, string body)
        => Encoding.ASCII.GetBytes($"{start}Content-Length: {Encoding.ASCII.GetByteCount(body)}\r\n{rest}\r\n{body}");
}
