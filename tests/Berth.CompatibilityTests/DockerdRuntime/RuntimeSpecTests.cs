using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Daemon.Api;
using Berth.Daemon.Api.Models;
using Berth.Daemon.Containers.Spec;
using Berth.Oci.RuntimeSpec;

namespace Berth.CompatibilityTests.DockerdRuntime;

/// <summary>The config.json dockerd 20.10 hands runc, compared field by field with what Berth's spec builder makes from
/// the same container's config and host config.</summary>
public sealed class RuntimeSpecTests(DockerdFixture fixture) : DockerScenario(fixture)
{
    /// <summary>The fields compared; dockerd's /etc bind mounts (hosts, hostname, resolv.conf) are left out, and seccomp is
    /// compared by what it allows (Berth's default profile is its own list).</summary>
    private static readonly string[] Fields =
    [
        "process.terminal", "process.user", "process.args", "process.env", "process.cwd", "process.capabilities", "process.rlimits",
        "process.noNewPrivileges", "process.oomScoreAdj", "hostname", "root.readonly", "linux.sysctl", "linux.maskedPaths",
        "linux.readonlyPaths", "linux.resources.devices", "linux.resources.memory", "linux.resources.cpu", "linux.resources.pids",
        "linux.resources.blockIO", "mounts",
    ];

    public static TheoryData<string[]> FlagSets => new()
    {
        Array.Empty<string>(),
        new[]
        {
            "--memory", "32m", "--cpus", "1.5", "--pids-limit", "20", "--cap-drop", "chown", "--cap-add", "sys_admin",
            "--tmpfs", "/run:size=1m,exec", "--shm-size", "128m", "-e", "FOO=bar", "--workdir", "/tmp", "--ulimit", "nofile=1024:2048",
            "--security-opt", "no-new-privileges", "--read-only", "-h", "web", "--domainname", "example.org", "--oom-score-adj", "300",
        },
        new[] { "--user", "nobody", "--group-add", "wheel", "--memory", "64m", "--memory-swap", "-1", "--cpu-shares", "512", "--cap-drop", "ALL", "--cap-add", "KILL", "-t" },
        new[] { "--cap-add", "NET_ADMIN", "--cap-drop", "MKNOD", "--device", "/dev/null:/dev/mynull:r", "--cpuset-cpus", "0", "--blkio-weight", "300", "--oom-kill-disable", "--pids-limit", "0" },
    };

    [Theory]
    [MemberData(nameof(FlagSets))]
    public async Task BuilderMatchesDockerd(string[] flags)
    {
        var name = await StartDetachedAsync("runc", flags, "sleep", "300");
        var inspect = await Docker.InspectAsync(name);
        var id = inspect.GetProperty("Id").GetString()!;
        var bundle = FindBundle(Fixture.Daemon.RootDirectory, id);
        var dockerd = JsonNode.Parse(File.ReadAllText(Path.Combine(bundle, "config.json")))!;

        // Inspect shows the config after dockerd's merge with the image, so the builder gets no image here.
        var config = JsonSerializer.Deserialize(inspect.GetProperty("Config").GetRawText(), ApiJsonContext.Default.ContainerCreateRequest)!;
        var host = JsonSerializer.Deserialize(inspect.GetProperty("HostConfig").GetRawText(), ApiJsonContext.Default.HostConfig)!;
        var builder = new RuntimeSpecBuilder(HostResources.Current(), new HostDevices());
        var rootPath = At(dockerd, "root.path")!.GetValue<string>();
        var spec = builder.Build(new SpecRequest(id, config, host, null, Path.IsPathRooted(rootPath) ? rootPath : Path.Combine(bundle, rootPath)));
        var ours = JsonNode.Parse(JsonSerializer.Serialize(spec, SpecWriteContext.Default.Spec))!;

        foreach (var field in Fields)
        {
            var expected = Normalize(field, At(dockerd, field));
            var actual = Normalize(field, At(ours, field));
            Check(JsonNode.DeepEquals(expected, actual), $"{field}: dockerd {expected?.ToJsonString()} but builder {actual?.ToJsonString()}");
        }
        CheckSeccomp(At(dockerd, "linux.seccomp"), At(ours, "linux.seccomp"));
    }

    /// <summary>Names Berth allows that dockerd 20.10's default does not: newer calls its profile predates.</summary>
    private static readonly HashSet<string> NewerThanDockerd2010 =
        ["cachestat", "fchmodat2", "futex_requeue", "futex_wait", "futex_wake", "map_shadow_stack", "quotactl_fd", "set_mempolicy_home_node", "mount_setattr", "landlock_add_rule", "landlock_create_ruleset", "landlock_restrict_self", "memfd_secret", "process_mrelease", "epoll_pwait2", "close_range", "faccessat2", "pidfd_getfd", "openat2", "pkey_alloc", "pkey_free", "pkey_mprotect"];

    /// <summary>Same default action, errno and architectures; every call Berth's filter lets through, with or without
    /// argument checks, dockerd's lets through too (Berth may block more, never less).</summary>
    private void CheckSeccomp(JsonNode? dockerd, JsonNode? ours)
    {
        Check((dockerd is null) == (ours is null), $"seccomp: dockerd {dockerd is null}, builder {ours is null}");
        if (dockerd is null || ours is null) return;
        foreach (var field in new[] { "defaultAction", "defaultErrnoRet", "architectures" })
            Check(JsonNode.DeepEquals(dockerd[field], ours[field]), $"seccomp.{field}: dockerd {dockerd[field]?.ToJsonString()} but builder {ours[field]?.ToJsonString()}");
        var theirs = Allowed(dockerd);
        var extra = Allowed(ours).Where(r => !theirs.Contains(r) && !NewerThanDockerd2010.Contains(r.Split(' ')[0])).ToList();
        Check(extra.Count == 0, "seccomp: the builder allows what dockerd denies: " + string.Join(", ", extra));
    }

    /// <summary>"name" for an unconditional allow, "name args" for one with argument checks.</summary>
    private static HashSet<string> Allowed(JsonNode seccomp)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in seccomp["syscalls"]!.AsArray())
        {
            if (rule!["action"]!.GetValue<string>() != "SCMP_ACT_ALLOW") continue;
            // Go omits a zero valueTwo; Berth writes it: the same comparison either way.
            var args = rule["args"] is JsonArray { Count: > 0 } a
                ? " " + string.Join(',', a.Select(x => $"{x!["index"]}:{x["op"]}:{x["value"]}:{x["valueTwo"]?.GetValue<ulong>() ?? 0}"))
                : "";
            foreach (var name in rule["names"]!.AsArray()) set.Add(name!.GetValue<string>() + args);
        }
        return set;
    }

    private static JsonNode? At(JsonNode node, string path)
    {
        JsonNode? current = node;
        foreach (var part in path.Split('.')) current = current?[part];
        return current;
    }

    /// <summary>Drops what is not the builder's: dockerd's /etc bind mounts made by the network setup, and empty
    /// values Go omits or writes that mean the same as absent.</summary>
    private static JsonNode? Normalize(string field, JsonNode? node)
    {
        if (node is null) return null;
        node = node.DeepClone();
        if (field == "mounts" && node is JsonArray mounts)
            return new JsonArray(mounts.Where(m => !m!["destination"]!.GetValue<string>().StartsWith("/etc/", StringComparison.Ordinal)).Select(m => m!.DeepClone()).ToArray());
        if (node is JsonObject obj && obj.Count == 0) return null;
        if (node is JsonValue v && v.TryGetValue<bool>(out var b) && !b) return null;
        return node;
    }

    private static string FindBundle(string root, string id)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var dir in Directory.EnumerateDirectories(root, id, options))
            if (File.Exists(Path.Combine(dir, "config.json")) && Directory.Exists(Path.Combine(dir, "rootfs"))) return dir;
        throw new Xunit.Sdk.XunitException($"no bundle of {id} under {root}");
    }
}
