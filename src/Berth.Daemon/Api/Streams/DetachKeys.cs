using Berth.Daemon.Errors;

namespace Berth.Daemon.Api.Streams;

/// <summary>Docker's --detach-keys: a comma-separated key sequence ("ctrl-p,ctrl-q", "a", "ctrl-@", "DEL") as bytes.</summary>
public static class DetachKeys
{
    /// <summary>dockerd's default when none is given: ctrl-p, ctrl-q.</summary>
    public static readonly byte[] Default = [16, 17];

    // moby/term's table: the index is the byte.
    private static readonly string[] Controls =
    [
        "ctrl-@", "ctrl-a", "ctrl-b", "ctrl-c", "ctrl-d", "ctrl-e", "ctrl-f", "ctrl-g", "ctrl-h", "ctrl-i", "ctrl-j", "ctrl-k",
        "ctrl-l", "ctrl-m", "ctrl-n", "ctrl-o", "ctrl-p", "ctrl-q", "ctrl-r", "ctrl-s", "ctrl-t", "ctrl-u", "ctrl-v", "ctrl-w",
        "ctrl-x", "ctrl-y", "ctrl-z", "ctrl-[", "ctrl-\\", "ctrl-]", "ctrl-^", "ctrl-_",
    ];

    /// <summary>moby/term's ToBytes: the bytes, or null (with why in problem) for an unknown key; names are case-sensitive.</summary>
    public static byte[]? TryParse(string keys, out string? problem)
    {
        var codes = new List<byte>();
        problem = null;
        foreach (var key in keys.Split(','))
        {
            if (key.Length == 1 && key[0] < 0x80) { codes.Add((byte)key[0]); continue; }
            var index = Array.IndexOf(Controls, key);
            if (index >= 0) codes.Add((byte)index);
            else if (key == "DEL") codes.Add(127);
            else
            {
                problem = $"Unknown character: '{key}'";
                return null;
            }
        }
        return [.. codes];
    }

    /// <summary>The sequence an attach uses: dockerd's default for an empty value, else the parsed keys or its 400 error.</summary>
    public static byte[] ForAttach(string? keys)
    {
        if (string.IsNullOrEmpty(keys)) return Default;
        return TryParse(keys, out _) ?? throw new BadRequestError($"Invalid detach keys ({keys}) provided");
    }

    /// <summary>The sequence an exec create records (checked after the container is found running), with dockerd's words there.</summary>
    public static byte[] ForExec(string? keys)
    {
        if (string.IsNullOrEmpty(keys)) return Default;
        return TryParse(keys, out _) ?? throw new InvalidEscapeKeysError(keys);
    }
}

/// <summary>Exec create's invalid detach keys: dockerd 20.10 returns a plain error there, hence 500 (attach says 400).</summary>
public sealed class InvalidEscapeKeysError(string keys) : BerthError(500, $"Invalid escape keys ({keys}) provided");
