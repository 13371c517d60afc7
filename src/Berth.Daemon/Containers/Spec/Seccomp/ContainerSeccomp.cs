namespace Berth.Daemon.Containers.Spec.Seccomp;

/// <summary>The seccomp section a container gets, by dockerd's rules: none when privileged or with
/// "seccomp=unconfined", the profile the client sent with "seccomp=&lt;json&gt;", Berth's default otherwise.</summary>
public static class ContainerSeccomp
{
    /// <summary>The value of the seccomp security option that turns filtering off.</summary>
    public const string Unconfined = "unconfined";

    /// <summary>The section for a container with the given option value, privilege and bounding set.</summary>
    public static Oci.RuntimeSpec.LinuxSeccomp? For(string? option, bool privileged, IReadOnlyCollection<string> boundingCaps, SeccompPlatform platform)
    {
        if (privileged || option == Unconfined) return null;
        var profile = string.IsNullOrEmpty(option) ? DefaultSeccompProfile.Document : SeccompProfileResolver.Parse(option);
        return SeccompProfileResolver.Resolve(profile, boundingCaps, platform);
    }
}
