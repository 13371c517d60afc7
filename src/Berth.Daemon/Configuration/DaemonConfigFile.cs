using System.Text.Json;

namespace Berth.Daemon.Configuration;

/// <summary>Reads daemon.json with dockerd's rules: its keys are the flags' long names, and an unknown key stops the daemon.</summary>
public static class DaemonConfigFile
{
    private static readonly string[] KnownKeys =
        ["hosts", "data-root", "exec-root", "debug", "log-level", "tls", "tlsverify", "tlscacert", "tlscert", "tlskey", "pidfile"];

    /// <summary>The options the file at path sets; a missing file sets none unless it was asked for explicitly.</summary>
    public static OptionValues Load(string path, bool explicitlyGiven)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            if (!explicitlyGiven) return new OptionValues();
            throw new StartupError($"unable to configure the Berth daemon with file {path}: open {path}: no such file or directory");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupError($"unable to configure the Berth daemon with file {path}: {e.Message}");
        }
        return Parse(text, path);
    }

    /// <summary>Parses the text of a daemon.json found at path (the path only names the file in messages).</summary>
    public static OptionValues Parse(string text, string path)
    {
        StartupError Fail(string why) => new($"unable to configure the Berth daemon with file {path}: {why}");
        // dockerd accepts an empty file as "no settings".
        if (string.IsNullOrWhiteSpace(text)) return new OptionValues();
        JsonDocument doc;
        try { doc = JsonDocument.Parse(text); }
        catch (JsonException e) { throw Fail("invalid JSON: " + e.Message); }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw Fail("the configuration must be a JSON object");
            var unknown = doc.RootElement.EnumerateObject().Select(p => p.Name).Where(k => !KnownKeys.Contains(k))
                .Distinct().Order(StringComparer.Ordinal).ToList();
            if (unknown.Count > 0) throw Fail("the following directives don't match any configuration option: " + string.Join(", ", unknown));
            var values = new OptionValues();
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                switch (p.Name)
                {
                    case "hosts":
                        if (p.Value.ValueKind != JsonValueKind.Array || p.Value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                            throw Fail("\"hosts\" must be an array of strings");
                        values.Hosts = p.Value.EnumerateArray().Select(e => e.GetString()!).ToList();
                        break;
                    case "debug": values.Debug = Bool(p, Fail); break;
                    case "tls": values.Tls = Bool(p, Fail); break;
                    case "tlsverify": values.TlsVerify = Bool(p, Fail); break;
                    case "data-root": values.DataRoot = String(p, Fail); break;
                    case "exec-root": values.ExecRoot = String(p, Fail); break;
                    case "log-level": values.LogLevel = String(p, Fail); break;
                    case "tlscacert": values.TlsCaCert = String(p, Fail); break;
                    case "tlscert": values.TlsCert = String(p, Fail); break;
                    case "tlskey": values.TlsKey = String(p, Fail); break;
                    case "pidfile": values.PidFile = String(p, Fail); break;
                }
            }
            return values;
        }
    }

    private static bool Bool(JsonProperty p, Func<string, StartupError> fail) => p.Value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw fail($"\"{p.Name}\" must be a boolean (true or false)"),
    };

    private static string String(JsonProperty p, Func<string, StartupError> fail)
        => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : throw fail($"\"{p.Name}\" must be a string");
}
