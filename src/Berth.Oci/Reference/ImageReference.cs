using Berth.Oci.Image;

namespace Berth.Oci.Reference;

/// <summary>A fully qualified image reference: domain, path, and an optional tag and digest, as Docker's normalised
/// names are ("docker.io/library/alpine:3.20"). Made by <see cref="Parse"/> from what a user typed.</summary>
public sealed partial record ImageReference
{
    /// <summary>The registry Docker assumes for a name without one.</summary>
    public const string DefaultDomain = "docker.io";
    /// <summary>The old spelling of Docker Hub's domain, normalised to <see cref="DefaultDomain"/>.</summary>
    public const string LegacyDefaultDomain = "index.docker.io";
    /// <summary>The namespace of Docker Hub's official images.</summary>
    public const string OfficialRepositoryPrefix = "library/";
    /// <summary>The tag a reference with neither tag nor digest means.</summary>
    public const string DefaultTag = "latest";
    /// <summary>The longest a name (domain/path) may be.</summary>
    public const int NameTotalLengthMax = 255;

    /// <summary>The registry, with its port if any: "docker.io", "localhost:5000".</summary>
    public string Domain { get; }
    /// <summary>The repository path inside the registry: "library/alpine", "user/app".</summary>
    public string Path { get; }
    /// <summary>The tag, or null.</summary>
    public string? Tag { get; }
    /// <summary>The manifest digest, or null.</summary>
    public Digest? Digest { get; }

    private ImageReference(string domain, string path, string? tag, Digest? digest)
        => (Domain, Path, Tag, Digest) = (domain, path, tag, digest);

    /// <summary>The full name without tag or digest: "docker.io/library/alpine".</summary>
    public string Name => Domain + "/" + Path;

    /// <summary>The name as Docker prints it: Docker Hub's domain dropped, and "library/" too for official images
    /// ("alpine", "user/app", "localhost:5000/x").</summary>
    public string FamiliarName
    {
        get
        {
            if (Domain != DefaultDomain) return Name;
            if (Path.StartsWith(OfficialRepositoryPrefix, StringComparison.Ordinal))
            {
                // Only a single component after library/ is an official image; a nested path keeps its namespace.
                var rest = Path[OfficialRepositoryPrefix.Length..];
                if (!rest.Contains('/')) return rest;
            }
            return Path;
        }
    }

    /// <summary>What `docker images` shows in its REPOSITORY column: the familiar name.</summary>
    public string Repository => FamiliarName;

    /// <summary>The familiar name with tag and digest: "alpine:3.20", "user/app@sha256:…".</summary>
    public string FamiliarString => FamiliarName + Suffix;

    /// <summary>The full form: "docker.io/library/alpine:3.20", with "@digest" when there is one.</summary>
    public override string ToString() => Name + Suffix;

    private string Suffix => (Tag is null ? "" : ":" + Tag) + (Digest is { } d ? "@" + d : "");

    /// <summary>This reference with "latest" when it has neither tag nor digest (what `docker pull alpine` means).</summary>
    public ImageReference WithDefaultTag() => Tag is null && Digest is null ? new(Domain, Path, DefaultTag, null) : this;

    /// <summary>The same name with another tag and no digest (what `docker tag` makes); throws FormatException with
    /// Docker's message for a malformed tag.</summary>
    public ImageReference WithTag(string tag)
        => ReferenceGrammar.TagRegex().IsMatch(tag) ? new(Domain, Path, tag, null) : throw new FormatException("invalid tag format");

    /// <summary>The same name with no tag and no digest.</summary>
    public ImageReference NameOnly() => Tag is null && Digest is null ? this : new(Domain, Path, null, null);
}
