namespace Berth.Daemon.Configuration;

/// <summary>The options one source (the command line or daemon.json) sets; null means "not set there".</summary>
public sealed class OptionValues
{
    /// <summary>-H/--host, "hosts".</summary>
    public List<string>? Hosts { get; set; }
    /// <summary>--data-root, "data-root".</summary>
    public string? DataRoot { get; set; }
    /// <summary>--exec-root, "exec-root".</summary>
    public string? ExecRoot { get; set; }
    /// <summary>-D/--debug, "debug".</summary>
    public bool? Debug { get; set; }
    /// <summary>-l/--log-level, "log-level".</summary>
    public string? LogLevel { get; set; }
    /// <summary>--tls, "tls".</summary>
    public bool? Tls { get; set; }
    /// <summary>--tlsverify, "tlsverify".</summary>
    public bool? TlsVerify { get; set; }
    /// <summary>--tlscacert, "tlscacert".</summary>
    public string? TlsCaCert { get; set; }
    /// <summary>--tlscert, "tlscert".</summary>
    public string? TlsCert { get; set; }
    /// <summary>--tlskey, "tlskey".</summary>
    public string? TlsKey { get; set; }
    /// <summary>-p/--pidfile, "pidfile".</summary>
    public string? PidFile { get; set; }

    /// <summary>The options set here, by their daemon.json key, with values printed as Go's %v would (for conflict messages).</summary>
    public IEnumerable<(string Key, string Value)> SetOptions()
    {
        if (Hosts != null) yield return ("hosts", "[" + string.Join(' ', Hosts) + "]");
        if (DataRoot != null) yield return ("data-root", DataRoot);
        if (ExecRoot != null) yield return ("exec-root", ExecRoot);
        if (Debug != null) yield return ("debug", Debug.Value ? "true" : "false");
        if (LogLevel != null) yield return ("log-level", LogLevel);
        if (Tls != null) yield return ("tls", Tls.Value ? "true" : "false");
        if (TlsVerify != null) yield return ("tlsverify", TlsVerify.Value ? "true" : "false");
        if (TlsCaCert != null) yield return ("tlscacert", TlsCaCert);
        if (TlsCert != null) yield return ("tlscert", TlsCert);
        if (TlsKey != null) yield return ("tlskey", TlsKey);
        if (PidFile != null) yield return ("pidfile", PidFile);
    }
}
