using System.Net;
using System.Security.Cryptography.X509Certificates;
using Berth.Daemon.Configuration;
using Berth.Daemon.Api.Streams;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Berth.Daemon.Hosting;

/// <summary>Binds Kestrel to berthd's -H addresses: unix sockets as they are, TCP over TLS (mutual with --tlsverify).</summary>
public static class KestrelListeners
{
    /// <summary>Adds one listener per host; HTTP/1.1 only, because Docker's attach and exec hijack the connection.</summary>
    public static void Configure(KestrelServerOptions kestrel, DaemonSettings settings, ILogger logger)
    {
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = null;
        foreach (var host in settings.Hosts)
        {
            if (host.Kind == ListenKind.Unix)
            {
                UnixSockets.PrepareForListen(host.Path);
                kestrel.ListenUnixSocket(host.Path, o =>
                {
                    o.Protocols = HttpProtocols.Http1;
                    o.UseDockerHijack();
                });
                continue;
            }
            if (!settings.Tls)
                logger.LogWarning("API listens on {Host} without TLS: any local user who can reach it controls this machine", host);
            kestrel.Listen(new IPEndPoint(host.Address!, host.Port), o =>
            {
                o.Protocols = HttpProtocols.Http1;
                if (settings.Tls) o.UseHttps(TlsOptions(settings));
                // After UseHttps, so that it reads plain HTTP.
                o.UseDockerHijack();
            });
        }
    }

    private static HttpsConnectionAdapterOptions TlsOptions(DaemonSettings settings)
    {
        X509Certificate2 certificate;
        try { certificate = X509Certificate2.CreateFromPemFile(settings.TlsCert!, settings.TlsKey); }
        catch (Exception e) when (e is IOException or System.Security.Cryptography.CryptographicException)
        {
            throw new StartupError($"could not load X509 key pair ({settings.TlsCert}, {settings.TlsKey}): {e.Message}");
        }
        var options = new HttpsConnectionAdapterOptions
        {
            ServerCertificate = certificate,
            SslProtocols = System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13,
        };
        if (!settings.TlsVerify) return options;
        var authorities = new X509Certificate2Collection();
        try { authorities.ImportFromPemFile(settings.TlsCaCert!); }
        catch (Exception e) when (e is IOException or System.Security.Cryptography.CryptographicException)
        {
            throw new StartupError($"could not read CA certificate {settings.TlsCaCert}: {e.Message}");
        }
        if (authorities.Count == 0) throw new StartupError($"could not read CA certificate {settings.TlsCaCert}: no certificate in it");
        options.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
        options.CheckCertificateRevocation = false;
        options.ClientCertificateValidation = (client, _, _) => IsIssuedBy(client, authorities);
        return options;
    }

    // Only the CA given with --tlscacert counts, not the system's trust store, exactly as dockerd's tls.Config.ClientCAs.
    private static bool IsIssuedBy(X509Certificate2 client, X509Certificate2Collection authorities)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.2"));
        return chain.Build(client);
    }
}
