namespace Berth.Runtime.Seccomp;

/// <summary>Parses the OCI profile's "flags" list.</summary>
internal static class SeccompFilterFlagNames
{
    /// <summary>The union of the named flags; an unknown name fails, naming it.</summary>
    internal static SeccompFilterFlags Parse(IEnumerable<string>? names)
    {
        var flags = SeccompFilterFlags.None;
        foreach (var name in names ?? [])
        {
            flags |= name switch
            {
                "SECCOMP_FILTER_FLAG_TSYNC" => SeccompFilterFlags.ThreadSync,
                "SECCOMP_FILTER_FLAG_LOG" => SeccompFilterFlags.Log,
                "SECCOMP_FILTER_FLAG_SPEC_ALLOW" => SeccompFilterFlags.SpecAllow,
                _ => throw new RuntimeException($"unsupported seccomp flag \"{name}\""),
            };
        }
        return flags;
    }
}
