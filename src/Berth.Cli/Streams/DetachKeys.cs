using Berth.Cli.CommandLine;

namespace Berth.Cli.Streams;

/// <summary>The detach key sequence ("ctrl-p,ctrl-q" by default), parsed as docker's term.ToBytes parses it.</summary>
public static class DetachKeys
{
    /// <summary>Docker's default sequence.</summary>
    public const string Default = "ctrl-p,ctrl-q";

    /// <summary>The bytes of a sequence like "ctrl-a,x"; a bad one is docker's error.</summary>
    public static byte[] Parse(string keys)
    {
        var bytes = new List<byte>();
        foreach (var key in keys.Split(','))
        {
            if (key.Length == 1)
            {
                bytes.Add((byte)key[0]);
                continue;
            }
            if (key.Length != 6 || !key.StartsWith("ctrl-", StringComparison.Ordinal))
                throw new CliError($"Invalid detach keys ({keys}) provided", 1);
            var c = key[5];
            bytes.Add(c switch
            {
                >= 'a' and <= 'z' => (byte)(c - 'a' + 1),
                '@' => 0,
                '[' => 27,
                '\\' => 28,
                ']' => 29,
                '^' => 30,
                '_' => 31,
                _ => throw new CliError($"Invalid detach keys ({keys}) provided", 1),
            });
        }
        return [.. bytes];
    }
}

/// <summary>Watches input for the detach sequence as docker's escape proxy does: bytes that could start the sequence
/// are held back, released when the sequence breaks, and swallowed when it completes.</summary>
public sealed class EscapeMatcher(byte[] sequence)
{
    private int _matched;

    /// <summary>Filters one chunk: the bytes to pass on, and whether the sequence completed (detach).</summary>
    public (byte[] Forward, bool Detach) Feed(ReadOnlySpan<byte> chunk)
    {
        var forward = new List<byte>(chunk.Length + _matched);
        foreach (var b in chunk)
        {
            if (sequence.Length > 0 && b == sequence[_matched])
            {
                if (++_matched == sequence.Length) return ([.. forward], true);
                continue;
            }
            // The held-back prefix was ordinary input after all.
            for (var i = 0; i < _matched; i++) forward.Add(sequence[i]);
            _matched = 0;
            if (sequence.Length > 0 && b == sequence[0]) { _matched = 1; continue; }
            forward.Add(b);
        }
        return ([.. forward], false);
    }
}
