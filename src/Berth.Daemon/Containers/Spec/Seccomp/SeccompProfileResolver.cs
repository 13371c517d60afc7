using System.Globalization;
using System.Text.Json;
using Berth.Oci.RuntimeSpec;

namespace Berth.Daemon.Containers.Spec.Seccomp;

/// <summary>Turns a Docker-format profile into the OCI seccomp section of one container, as dockerd's setupSeccomp
/// does: keeps the rules whose conditions hold for the container's bounding capabilities, the host's architecture and
/// kernel, and expands the architecture map for the native architecture.</summary>
public static class SeccompProfileResolver
{
    /// <summary>Parses the JSON a client sent in HostConfig.SecurityOpt ("seccomp=&lt;file content&gt;").</summary>
    public static SeccompProfileDocument Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, SeccompProfileJsonContext.Default.SeccompProfileDocument)
                ?? throw new JsonException("the profile is null");
        }
        catch (JsonException e)
        {
            throw new ContainerStartError($"Decoding seccomp profile failed: {e.Message}");
        }
    }

    /// <summary>The OCI section for a container whose bounding set is <paramref name="boundingCaps"/>.</summary>
    public static LinuxSeccomp Resolve(SeccompProfileDocument profile, IReadOnlyCollection<string> boundingCaps, SeccompPlatform platform)
    {
        if (profile.Architectures is { Count: > 0 } && profile.ArchMap is { Count: > 0 })
            throw new ContainerStartError("'architectures' and 'archMap' were specified in the seccomp profile, use either 'architectures' or 'archMap'");

        var result = new LinuxSeccomp
        {
            DefaultAction = profile.DefaultAction,
            DefaultErrnoRet = profile.DefaultErrnoRet,
            ListenerPath = string.IsNullOrEmpty(profile.ListenerPath) ? null : profile.ListenerPath,
            ListenerMetadata = string.IsNullOrEmpty(profile.ListenerMetadata) ? null : profile.ListenerMetadata,
            Flags = profile.Flags is { Count: > 0 } f ? [.. f] : null,
            Architectures = profile.ArchMap is { Count: > 0 } map
                ? map.Where(a => a.Architecture == platform.NativeArch).SelectMany(a => (string[])[a.Architecture, .. a.SubArchitectures ?? []]).ToList()
                : profile.Architectures is { Count: > 0 } arches ? [.. arches] : null,
            Syscalls = [],
        };
        if (result.Architectures is { Count: 0 }) result.Architectures = null;

        foreach (var rule in profile.Syscalls ?? [])
        {
            if (!string.IsNullOrEmpty(rule.Name) && rule.Names is { Count: > 0 })
                throw new ContainerStartError("'name' and 'names' were specified in the seccomp profile, use either 'name' or 'names'");
            if (!Applies(rule, boundingCaps, platform)) continue;
            result.Syscalls.Add(new LinuxSyscall
            {
                Names = string.IsNullOrEmpty(rule.Name) ? [.. rule.Names ?? []] : [rule.Name],
                Action = rule.Action,
                ErrnoRet = rule.ErrnoRet,
                Args = rule.Args?.Where(a => a is not null).Select(a => new LinuxSeccompArg { Index = a!.Index, Value = a.Value, ValueTwo = a.ValueTwo, Op = a.Op }).ToList(),
            });
        }
        return result;
    }

    /// <summary>dockerd's order: an excluded arch, a present excluded cap or a reached excluded kernel drops the rule;
    /// then every include must hold.</summary>
    private static bool Applies(SeccompRuleEntry rule, IReadOnlyCollection<string> caps, SeccompPlatform platform)
    {
        if (rule.Excludes is { } ex)
        {
            if (ex.Arches is { Count: > 0 } && ex.Arches.Contains(platform.GoArch)) return false;
            if (ex.Caps is { Count: > 0 } && ex.Caps.Any(caps.Contains)) return false;
            if (ex.MinKernel is { } min && platform.Kernel >= ParseKernel(min)) return false;
        }
        if (rule.Includes is { } inc)
        {
            if (inc.Arches is { Count: > 0 } && !inc.Arches.Contains(platform.GoArch)) return false;
            if (inc.Caps is { Count: > 0 } && !inc.Caps.All(caps.Contains)) return false;
            if (inc.MinKernel is { } min && platform.Kernel < ParseKernel(min)) return false;
        }
        return true;
    }

    /// <summary>"4.8" (kernel.major); Docker's KernelVersion accepts nothing else.</summary>
    private static Version ParseKernel(string text)
    {
        var parts = text.Split('.');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kernel)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var major))
            return new Version(kernel, major);
        throw new ContainerStartError($"Decoding seccomp profile failed: invalid kernel version: {text}, expected \"<kernel>.<major>\"");
    }
}
