using Berth.Daemon.Api.Models;
using Berth.Daemon.Errors;
using ImageContainerConfig = Berth.Oci.Image.ContainerConfig;

namespace Berth.Daemon.Containers.Spec;

/// <summary>dockerd's merge of a create request's config with its image's defaults (daemon/commit.go merge and
/// mergeAndVerifyConfig): the user's values win, image values fill the gaps.</summary>
internal static class ConfigMerge
{
    /// <summary>Fills <paramref name="user"/> in place from the image's config, then checks there is a command.</summary>
    public static void Apply(ContainerCreateConfig user, ImageContainerConfig? image)
    {
        if (image is not null) MergeImage(user, image);
        // `--entrypoint ""` arrives as [""]: it removes the image's entrypoint and keeps only the command.
        if (user.Entrypoint is [""]) user.Entrypoint = null;
        if ((user.Entrypoint?.Count ?? 0) == 0 && (user.Cmd?.Count ?? 0) == 0) throw new BadRequestError("No command specified");
    }

    private static void MergeImage(ContainerCreateConfig user, ImageContainerConfig image)
    {
        if (string.IsNullOrEmpty(user.User)) user.User = image.User;
        user.Env = MergeEnv(user.Env, image.Env);
        if (image.Labels is { Count: > 0 })
        {
            user.Labels ??= [];
            foreach (var (k, v) in image.Labels) user.Labels.TryAdd(k, v);
        }
        if (image.ExposedPorts is { Count: > 0 })
        {
            user.ExposedPorts ??= [];
            foreach (var (k, v) in image.ExposedPorts) user.ExposedPorts.TryAdd(k, v);
        }
        // An entrypoint given at create drops the image's command too: the image's Cmd was meant for its Entrypoint.
        if ((user.Entrypoint?.Count ?? 0) == 0)
        {
            if ((user.Cmd?.Count ?? 0) == 0) user.Cmd = image.Cmd;
            user.Entrypoint ??= image.Entrypoint;
        }
        user.Healthcheck = Health.HealthcheckConfig.Merge(user.Healthcheck, image.Healthcheck);
        if (string.IsNullOrEmpty(user.WorkingDir)) user.WorkingDir = image.WorkingDir;
        if (user.Volumes is not { Count: > 0 }) user.Volumes = image.Volumes;
        else if (image.Volumes is not null) foreach (var (k, v) in image.Volumes) user.Volumes.TryAdd(k, v);
        if (string.IsNullOrEmpty(user.StopSignal)) user.StopSignal = image.StopSignal;
    }

    /// <summary>The user's variables, then each image variable whose name the user did not set.</summary>
    private static List<string>? MergeEnv(List<string>? user, List<string>? image)
    {
        if (user is not { Count: > 0 }) return image is null ? user : [.. image];
        var names = user.Select(Name).ToHashSet(StringComparer.Ordinal);
        return [.. user, .. (image ?? []).Where(e => !names.Contains(Name(e)))];
    }

    /// <summary>The process environment dockerd hands the runtime (CreateDaemonEnvironment): PATH, HOSTNAME, TERM with a
    /// terminal, then the config's variables replacing or appending; a bare "NAME" removes NAME.</summary>
    public static List<string> ProcessEnv(IReadOnlyList<string>? configEnv, string hostname, bool tty)
    {
        var env = new List<string?> { "PATH=" + SpecDefaults.Path, "HOSTNAME=" + hostname };
        if (tty) env.Add("TERM=xterm");
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < env.Count; i++) index[Name(env[i]!)] = i;
        foreach (var value in configEnv ?? [])
        {
            var eq = value.IndexOf('=');
            if (eq < 0)
            {
                if (index.TryGetValue(value, out var gone)) env[gone] = null;
            }
            else if (index.TryGetValue(value[..eq], out var at)) env[at] = value;
            else env.Add(value);
        }
        return env.Where(e => !string.IsNullOrEmpty(e)).Select(e => e!).ToList();
    }

    private static string Name(string env)
    {
        var eq = env.IndexOf('=');
        return eq < 0 ? env : env[..eq];
    }
}
