using System.Text.RegularExpressions;

namespace Berth.Oci.Reference;

/// <summary>The distribution reference grammar (github.com/distribution/reference), as anchored regular expressions.
/// Character classes are spelled out because .NET's \w and \d also match non-ASCII letters and digits, and \z is used
/// because .NET's $ also matches before a final newline.</summary>
internal static partial class ReferenceGrammar
{
    private const string PathComponent = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private const string DomainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private const string Host = "(?:" + DomainComponent + @"(?:\." + DomainComponent + @")*|\[[a-fA-F0-9:]+\])";
    private const string DomainAndPort = Host + "(?::[0-9]+)?";
    private const string Tag = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";
    private const string DigestPattern = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";

    private const string Reference =
        "^(?<name>(?:(?<domain>" + DomainAndPort + ")/)?(?<path>" + PathComponent + "(?:/" + PathComponent + ")*))" +
        "(?::(?<tag>" + Tag + "))?(?:@(?<digest>" + DigestPattern + "))?\\z";

    /// <summary>name[:tag][@digest], with named groups name, domain, path, tag, digest.</summary>
    [GeneratedRegex(Reference, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    public static partial Regex ReferenceRegex();

    /// <summary>A tag on its own.</summary>
    [GeneratedRegex("^" + Tag + "\\z", RegexOptions.CultureInvariant)]
    public static partial Regex TagRegex();

    /// <summary>A full image ID's hex: what a name may never be.</summary>
    [GeneratedRegex("^[a-f0-9]{64}\\z", RegexOptions.CultureInvariant)]
    public static partial Regex IdentifierRegex();

    /// <summary>The checks go-digest makes of a digest the grammar accepted, with its messages; Berth knows sha256
    /// only, so other algorithms are unsupported here even where Docker knows them.</summary>
    public static string? DigestError(string digest)
    {
        var colon = digest.IndexOf(':');
        var (algorithm, encoded) = (digest[..colon], digest[(colon + 1)..]);
        if (algorithm != "sha256") return "unsupported digest algorithm";
        if (encoded.Length != 64) return "invalid checksum digest length";
        foreach (var c in encoded)
            if (c is not (>= '0' and <= '9' or >= 'a' and <= 'f')) return "invalid checksum digest format";
        return null;
    }
}
