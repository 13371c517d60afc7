namespace Berth.Daemon.Machine;

/// <summary>The distribution as /etc/os-release names it (what `docker info` prints as Operating System).</summary>
public sealed record OsRelease(string PrettyName, string VersionId)
{
    /// <summary>Reads /etc/os-release, falling back to /usr/lib/os-release as the format's specification says.</summary>
    public static OsRelease Read()
    {
        foreach (var path in new[] { "/etc/os-release", "/usr/lib/os-release" })
            if (HostFacts.ReadTrimmed(path) is { } text) return Parse(text);
        return new OsRelease("Linux", "");
    }

    /// <summary>Parses os-release text (KEY=value lines, values optionally quoted).</summary>
    public static OsRelease Parse(string text)
    {
        var values = new Dictionary<string, string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            var eq = line.IndexOf('=');
            if (line.StartsWith('#') || eq <= 0) continue;
            var value = line[(eq + 1)..];
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0]) value = value[1..^1];
            values[line[..eq]] = value;
        }
        var pretty = values.GetValueOrDefault("PRETTY_NAME") ?? values.GetValueOrDefault("NAME") ?? "Linux";
        return new OsRelease(pretty, values.GetValueOrDefault("VERSION_ID") ?? "");
    }
}
