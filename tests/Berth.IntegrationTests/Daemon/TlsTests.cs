using System.Net.Http;
using System.Security.Authentication;
using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Daemon;

/// <summary>berthd on loopback TCP with mutual TLS: certificates made with openssl; a client without one is refused.</summary>
public sealed class TlsTests : IDisposable
{
    private readonly string _certs = Path.Combine("/tmp", "berth-tls-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly int _port = Ports.Free();
    private readonly DaemonProcess _daemon;

    public TlsTests()
    {
        Directory.CreateDirectory(_certs);
        MakeCertificates();
        _daemon = DaemonProcess.Start(["-H", $"tcp://127.0.0.1:{_port}", "--tlsverify", "--tlscacert", Cert("ca.pem"),
            "--tlscert", Cert("server-cert.pem"), "--tlskey", Cert("server-key.pem")]);
        try
        {
            // Kestrel binds its listeners one after the other and serves each at once: the unix socket answering does
            // not mean the TCP port listens yet.
            _daemon.WaitUntil(() => Command.Run(TestPaths.CliBinary, ["-H", _daemon.Host, "version"]).ExitCode == 0 && TcpListens(),
                "berthd to answer");
        }
        catch
        {
            // xunit does not dispose a test class whose constructor threw.
            Dispose();
            throw;
        }
    }

    private string Cert(string name) => Path.Combine(_certs, name);

    private bool TcpListens()
    {
        using var client = new System.Net.Sockets.TcpClient();
        try
        {
            client.Connect(System.Net.IPAddress.Loopback, _port);
            return true;
        }
        catch (System.Net.Sockets.SocketException) { return false; }
    }

    private void MakeCertificates()
    {
        void Ssl(string args)
        {
            var r = Command.Shell($"cd {_certs} && openssl {args}");
            if (r.ExitCode != 0) throw new InvalidOperationException($"openssl {args}: {r}");
        }
        Ssl("req -x509 -newkey rsa:2048 -nodes -keyout ca-key.pem -out ca.pem -days 2 -subj /CN=berth-test-ca");
        File.WriteAllText(Cert("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
        File.WriteAllText(Cert("client.ext"), "extendedKeyUsage=clientAuth\n");
        foreach (var who in new[] { "server", "client" })
        {
            Ssl($"req -newkey rsa:2048 -nodes -keyout {who}-key.pem -out {who}.csr -subj /CN=berth-test-{who}");
            Ssl($"x509 -req -in {who}.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out {who}-cert.pem -days 2 -extfile {who}.ext");
        }
    }

    private string Tcp => $"tcp://127.0.0.1:{_port}";

    [Fact]
    public void ClientWithCertificate_Works()
    {
        var r = Command.Run(TestPaths.CliBinary, ["-H", Tcp, "--tlsverify", "--tlscacert", Cert("ca.pem"),
            "--tlscert", Cert("client-cert.pem"), "--tlskey", Cert("client-key.pem"), "version", "--format", "{{.Server.Os}}"]);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("linux\n", r.Stdout);
    }

    [Fact]
    public void CertPathVariable_SuppliesTheFiles()
    {
        foreach (var (from, to) in new[] { ("client-cert.pem", "cert.pem"), ("client-key.pem", "key.pem"), ("ca.pem", "ca.pem") })
        {
            Directory.CreateDirectory(Path.Combine(_certs, "client"));
            File.Copy(Cert(from), Path.Combine(_certs, "client", to), overwrite: true);
        }
        var r = Command.Shell($"BERTH_CERT_PATH={_certs}/client BERTH_TLS_VERIFY=1 {TestPaths.CliBinary} -H {Tcp} info --format '{{{{.OSType}}}}'");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("linux\n", r.Stdout);
    }

    [Fact]
    public async Task ClientWithoutCertificate_IsRefused()
    {
        var empty = Path.Combine(_certs, "empty");
        Directory.CreateDirectory(empty);
        var r = Command.Shell($"BERTH_CERT_PATH={empty} {TestPaths.CliBinary} -H {Tcp} --tlsverify --tlscacert {Cert("ca.pem")} version");
        Assert.NotEqual(0, r.ExitCode);
        Assert.DoesNotContain("Server:", r.Stdout);

        // And straight from .NET, trusting the server but offering no certificate.
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(20) };
        var e = await Assert.ThrowsAnyAsync<Exception>(() => http.GetStringAsync($"https://127.0.0.1:{_port}/_ping"));
        Assert.True(e is HttpRequestException or AuthenticationException or IOException, e.ToString());
    }

    [Fact]
    public async Task PlainHttp_IsNotServed()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        var answered = false;
        try
        {
            var response = await http.GetAsync($"http://127.0.0.1:{_port}/_ping");
            answered = response.IsSuccessStatusCode;
        }
        catch (HttpRequestException) { }
        Assert.False(answered);
    }

    public void Dispose()
    {
        _daemon.Dispose();
        try { Directory.Delete(_certs, recursive: true); } catch (IOException) { }
    }
}
