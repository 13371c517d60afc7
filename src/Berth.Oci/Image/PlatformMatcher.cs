namespace Berth.Oci.Image;

/// <summary>Chooses, from an index or manifest list, the entry for a platform: same os and architecture, and the
/// same variant when the wanted platform names one.</summary>
public static class PlatformMatcher
{
    /// <summary>Whether a descriptor's platform satisfies the wanted one.</summary>
    public static bool Matches(Platform? candidate, Platform wanted)
    {
        if (candidate is null) return false;
        if (!string.Equals(candidate.Os, wanted.Os, StringComparison.Ordinal)) return false;
        if (!string.Equals(candidate.Architecture, wanted.Architecture, StringComparison.Ordinal)) return false;
        if (string.IsNullOrEmpty(wanted.Variant)) return true;
        return NormalVariant(candidate.Architecture, candidate.Variant) == NormalVariant(wanted.Architecture, wanted.Variant);
    }

    /// <summary>The first manifest in the index for the platform (the current one if null), or null if there is none.
    /// Entries for other platforms, and attestation manifests (platform unknown/unknown), are skipped.</summary>
    public static Descriptor? Select(ImageIndex index, Platform? wanted = null)
    {
        wanted ??= Platform.Current;
        foreach (var entry in index.Manifests)
            if (Matches(entry.Platform, wanted)) return entry;
        return null;
    }

    // Registries spell the default variants both ways: arm64 with or without "v8", arm without a variant meaning v7.
    private static string NormalVariant(string architecture, string? variant) => (architecture, variant ?? "") switch
    {
        ("arm64", "v8" or "") => "",
        ("arm", "") => "v7",
        (_, var v) => v,
    };
}
