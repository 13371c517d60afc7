using Berth.Oci.Image;

namespace Berth.Oci.Reference;

/// <summary>Parsing, as the docker CLI reads a name a user typed (distribution/reference's ParseNormalizedNamed):
/// Docker Hub's domain and library/ namespace are filled in, and errors carry Docker's messages.</summary>
public sealed partial record ImageReference
{
    /// <summary>Parses and normalises a reference, leaving the tag absent if it was; throws FormatException with
    /// Docker's message ("invalid reference format", "… must be lowercase", …).</summary>
    public static ImageReference Parse(string text)
        => TryParse(text, out var reference, out var error) ? reference : throw new FormatException(error);

    /// <summary>Parses like <see cref="Parse"/>; false for an invalid reference.</summary>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ImageReference? reference)
        => TryParse(text, out reference, out _);

    /// <summary>Parses like <see cref="Parse"/>; false for an invalid reference, with Docker's message.</summary>
    public static bool TryParse(string? text,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ImageReference? reference,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        error = ParseCore(text ?? "", out reference);
        return error is null;
    }

    /// <summary>Parses and adds the default tag when there is neither tag nor digest, as `docker pull` and
    /// `docker run` do: "alpine" → docker.io/library/alpine:latest.</summary>
    public static ImageReference Normalize(string text) => Parse(text).WithDefaultTag();

    /// <summary>Whether text is a full image ID (64 lowercase hex, with or without "sha256:"), which Docker refuses as
    /// a name and resolves as an ID instead.</summary>
    public static bool LooksLikeId(string text)
        => ReferenceGrammar.IdentifierRegex().IsMatch(text.StartsWith(Image.Digest.Sha256Prefix, StringComparison.Ordinal) ? text[Image.Digest.Sha256Prefix.Length..] : text);

    /// <summary>Whether text could be a (short) image ID prefix: 1 to 64 lowercase hex, optionally after "sha256:".
    /// Such text may also be a name; Docker tries it as a name first and as an ID prefix after, and the prefix
    /// counts only if exactly one image ID starts with it.</summary>
    public static bool CouldBeIdPrefix(string text)
    {
        var hex = text.StartsWith(Image.Digest.Sha256Prefix, StringComparison.Ordinal) ? text[Image.Digest.Sha256Prefix.Length..] : text;
        if (hex.Length is 0 or > 64) return false;
        foreach (var c in hex)
            if (c is not (>= '0' and <= '9' or >= 'a' and <= 'f')) return false;
        return true;
    }

    private static string? ParseCore(string text, out ImageReference? reference)
    {
        reference = null;
        if (ReferenceGrammar.IdentifierRegex().IsMatch(text))
            return $"invalid repository name ({text}), cannot specify 64-byte hexadecimal strings";

        var (domain, remainder) = SplitDockerDomain(text);
        // Docker checks case on everything before the first ':', so a digest's algorithm counts as part of the name.
        var colon = remainder.IndexOf(':');
        var remote = colon >= 0 ? remainder[..colon] : remainder;
        if (remote.ToLowerInvariant() != remote)
            return $"invalid reference format: repository name ({remote}) must be lowercase";

        var full = domain + "/" + remainder;
        var match = ReferenceGrammar.ReferenceRegex().Match(full);
        if (!match.Success)
            return ReferenceGrammar.ReferenceRegex().IsMatch(full.ToLowerInvariant())
                ? "invalid reference format: repository name must be lowercase"
                : "invalid reference format";
        // A first component that looked like a host but is not one (say "my_host.com") matches the grammar as a path
        // component instead; Docker then yields a reference with no registry, which nothing can pull, so refuse it.
        if (!match.Groups["domain"].Success)
            return "invalid reference format";
        if (match.Groups["name"].Length > NameTotalLengthMax)
            return $"repository name must not be more than {NameTotalLengthMax} characters";

        Digest? digest = null;
        if (match.Groups["digest"] is { Success: true } digestGroup)
        {
            if (ReferenceGrammar.DigestError(digestGroup.Value) is { } digestError) return digestError;
            digest = Image.Digest.Parse(digestGroup.Value);
        }
        var tag = match.Groups["tag"] is { Success: true } tagGroup ? tagGroup.Value : null;
        reference = new ImageReference(match.Groups["domain"].Value, match.Groups["path"].Value, tag, digest);
        return null;
    }

    // A first component is a registry only if it looks like a host (a dot or a port, or localhost) or has capitals,
    // which Docker Hub namespaces never do; anything else is a Docker Hub namespace or an official image.
    private static (string Domain, string Remainder) SplitDockerDomain(string name)
    {
        var slash = name.IndexOf('/');
        string domain, remainder;
        if (slash < 0)
            (domain, remainder) = (DefaultDomain, name);
        else
        {
            var first = name[..slash];
            var isDomain = first.AsSpan().IndexOfAny('.', ':') >= 0 || first == "localhost" || first.ToLowerInvariant() != first;
            (domain, remainder) = isDomain ? (first, name[(slash + 1)..]) : (DefaultDomain, name);
        }
        if (domain == LegacyDefaultDomain) domain = DefaultDomain;
        if (domain == DefaultDomain && !remainder.Contains('/')) remainder = OfficialRepositoryPrefix + remainder;
        return (domain, remainder);
    }
}
