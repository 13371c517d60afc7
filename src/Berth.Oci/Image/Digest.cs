using System.Security.Cryptography;

namespace Berth.Oci.Image;

/// <summary>A content digest, "sha256:" and 64 lowercase hex digits (the only algorithm Berth accepts).</summary>
public readonly record struct Digest
{
    /// <summary>The algorithm prefix Berth writes and accepts.</summary>
    public const string Sha256Prefix = "sha256:";

    /// <summary>The 64 lowercase hex digits.</summary>
    public string Hex { get; }

    private Digest(string hex) => Hex = hex;

    /// <summary>The full form, "sha256:…".</summary>
    public override string ToString() => Sha256Prefix + Hex;

    /// <summary>The first 12 hex digits, as Docker shows image and container IDs.</summary>
    public string Short => Hex[..12];

    /// <summary>Parses "sha256:&lt;64 hex&gt;"; false for anything else (other algorithms, upper case, wrong length).</summary>
    public static bool TryParse(string? text, out Digest digest)
    {
        digest = default;
        if (text is null || !text.StartsWith(Sha256Prefix, StringComparison.Ordinal) || text.Length != Sha256Prefix.Length + 64)
            return false;
        var hex = text[Sha256Prefix.Length..];
        foreach (var c in hex)
            if (c is not (>= '0' and <= '9' or >= 'a' and <= 'f')) return false;
        digest = new Digest(hex);
        return true;
    }

    /// <summary>Parses a digest or throws FormatException naming the bad text.</summary>
    public static Digest Parse(string text)
        => TryParse(text, out var d) ? d : throw new FormatException($"invalid digest \"{text}\": expected sha256: and 64 lowercase hex digits");

    /// <summary>The digest of bytes.</summary>
    public static Digest Of(ReadOnlySpan<byte> content) => FromHash(SHA256.HashData(content));

    /// <summary>The digest of a stream's remaining content.</summary>
    public static Digest Of(Stream content) => FromHash(SHA256.HashData(content));

    /// <summary>The digest whose hash is the given 32 bytes (from an incremental hash).</summary>
    public static Digest FromHash(ReadOnlySpan<byte> sha256) => new(Convert.ToHexStringLower(sha256));
}
