using System.Globalization;
using Berth.Daemon.Api.Models;
using Berth.Daemon.Containers.Monitor;
using Berth.Daemon.Errors;

namespace Berth.Daemon.Containers.Lifecycle;

/// <summary>The log drivers berthd has (json-file, local, none) and their options, checked as dockerd checks them.</summary>
public static class LogOptions
{
    private static readonly Dictionary<string, string[]> Known = new()
    {
        ["json-file"] = ["max-size", "max-file", "compress", "labels", "labels-regex", "env", "env-regex", "tag", "mode", "max-buffer-size"],
        ["local"] = ["max-size", "max-file", "compress", "mode", "max-buffer-size"],
        ["none"] = ["mode", "max-buffer-size"],
    };

    /// <summary>Fills in the default driver and refuses unknown drivers and options (400, dockerd's words).</summary>
    public static void Validate(HostConfig host)
    {
        host.LogConfig ??= new LogConfig();
        if (string.IsNullOrEmpty(host.LogConfig.Type)) host.LogConfig.Type = "json-file";
        host.LogConfig.Config ??= [];
        var driver = host.LogConfig.Type;
        if (!Known.TryGetValue(driver, out var options))
            throw new BadRequestError($"failed to create logger: logger: no log driver named '{driver}' is registered");
        foreach (var key in host.LogConfig.Config.Keys.Where(k => !options.Contains(k)))
            throw new BadRequestError($"unknown log opt '{key}' for {driver} log driver");
        Settings(driver, null, host.LogConfig.Config);
    }

    /// <summary>What the monitor needs to write the log of a container with this host config.</summary>
    public static LogSettings Settings(HostConfig host, ContainerPaths paths, string id)
    {
        var driver = host.LogConfig?.Type is { Length: > 0 } t ? t : "json-file";
        var path = driver switch { "json-file" => paths.JsonLog(id), "local" => paths.LocalLog(id), _ => null };
        return Settings(driver, path, host.LogConfig?.Config ?? []);
    }

    private static LogSettings Settings(string driver, string? path, Dictionary<string, string> options)
    {
        // The local driver rotates by default (20 MB × 5), json-file keeps one unbounded file, as in dockerd.
        long maxSize = driver == "local" ? 20L << 20 : 0;
        var maxFile = driver == "local" ? 5 : 1;
        var compress = driver == "local";
        if (options.TryGetValue("max-size", out var size))
        {
            maxSize = size == "-1" ? 0 : ParseSize(size);
            if (maxSize < 0) throw new BadRequestError($"invalid value for max-size: {size}");
        }
        if (options.TryGetValue("max-file", out var files))
        {
            if (!int.TryParse(files, NumberStyles.Integer, CultureInfo.InvariantCulture, out maxFile))
                throw new BadRequestError($"strconv.Atoi: parsing \"{files}\": invalid syntax");
            if (maxFile < 1) throw new BadRequestError("max-file cannot be less than 1");
            if (maxFile > 1 && maxSize == 0 && driver == "json-file") throw new BadRequestError("max-file can only be used when max-size is specified");
        }
        if (options.TryGetValue("compress", out var c))
        {
            if (!bool.TryParse(c, out compress)) throw new BadRequestError($"error reading compress log option: strconv.ParseBool: parsing \"{c}\": invalid syntax");
        }
        return new LogSettings(driver, path, maxSize, maxFile, compress);
    }

    // Docker's RAMInBytes: a number with an optional b/k/m/g/t/p suffix (binary units), optionally followed by "b".
    private static long ParseSize(string text)
    {
        var s = text.Trim().ToLowerInvariant();
        if (s.EndsWith('b') && s.Length > 1 && char.IsLetter(s[^2])) s = s[..^1];
        long unit = 1;
        if (s.Length > 0 && "bkmgtp".Contains(s[^1]))
        {
            unit = 1L << (10 * "bkmgtp".IndexOf(s[^1]));
            s = s[..^1];
        }
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n < 0)
            throw new BadRequestError($"invalid size: '{text}'");
        return (long)(n * unit);
    }
}
