using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Berth.Cli.CommandLine;

namespace Berth.Cli.Connection;

/// <summary>TLS towards a TCP daemon: --tls encrypts, --tlsverify also checks the server against --tlscacert; the client
/// certificate is offered whenever its files exist (docker's rules, with $BERTH_CERT_PATH for $DOCKER_CERT_PATH).</summary>
public sealed record TlsSettings(bool Verify, string CaCert, string Cert, string Key)
{
    /// <summary>The settings from global flags and the environment, or null when TLS is off.</summary>
    public static TlsSettings? From(ParsedFlags flags)
    {
        var verify = flags.Has("tlsverify") ? flags.IsOn("tlsverify") : !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("BERTH_TLS_VERIFY"));
        if (!verify && !flags.IsOn("tls")) return null;
        var dir = Environment.GetEnvironmentVariable("BERTH_CERT_PATH") is { Length: > 0 } d
            ? d : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".berth");
        return new TlsSettings(verify, flags.Get("tlscacert") ?? Path.Combine(dir, "ca.pem"),
            flags.Get("tlscert") ?? Path.Combine(dir, "cert.pem"), flags.Get("tlskey") ?? Path.Combine(dir, "key.pem"));
    }

    /// <summary>The SslClientAuthenticationOptions for a connection to host.</summary>
    public SslClientAuthenticationOptions ClientOptions(string host)
    {
        var options = new SslClientAuthenticationOptions { TargetHost = host };
        if (File.Exists(Cert) && File.Exists(Key))
        {
            try { options.ClientCertificates = [X509Certificate2.CreateFromPemFile(Cert, Key)]; }
            catch (System.Security.Cryptography.CryptographicException e)
            {
                throw new CliError($"could not load X509 key pair ({Cert}, {Key}): {e.Message}", 1);
            }
        }
        if (!Verify)
        {
            options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
            return options;
        }
        var authorities = new X509Certificate2Collection();
        try { authorities.ImportFromPemFile(CaCert); }
        catch (Exception e) when (e is IOException or System.Security.Cryptography.CryptographicException)
        {
            throw new CliError($"could not read CA certificate \"{CaCert}\": {e.Message}", 1);
        }
        options.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
        {
            // The name must match; the chain must lead to the given CA, not to the system's trust store.
            if (certificate == null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)) return false;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
        };
        return options;
    }
}
