using Berth.Oci.RuntimeSpec;

namespace Berth.Daemon.Containers.Spec;

/// <summary>Resolves "user[:group]" against the container's own /etc/passwd and /etc/group, as dockerd does through
/// libcontainer's GetExecUser: names must exist, numbers need not; without a group, the user's passwd group plus every
/// group listing the user as a member; --group-add entries after those.</summary>
internal static class UserLookup
{
    private sealed record PasswdEntry(string Name, uint Uid, uint Gid);
    private sealed record GroupEntry(string Name, uint Gid, string[] Members);

    /// <summary>The process user for <paramref name="spec"/> ("" meaning root) inside <paramref name="rootfs"/>.</summary>
    public static User Resolve(string rootfs, string? spec, IReadOnlyList<string>? groupAdd)
    {
        var passwd = ReadPasswd(ScopedPath.Resolve(rootfs, "/etc/passwd"));
        var groups = ReadGroups(ScopedPath.Resolve(rootfs, "/etc/group"));
        var text = spec ?? "";
        var colon = text.IndexOf(':');
        var userArg = colon < 0 ? text : text[..colon];
        var groupArg = colon < 0 ? null : text[(colon + 1)..];

        uint uid = 0, gid = 0;
        string? name = null;
        var numeric = uint.TryParse(userArg, out var uidArg);
        var match = passwd.FirstOrDefault(p => userArg.Length == 0 ? p.Uid == 0 : numeric ? p.Uid == uidArg : p.Name == userArg);
        if (match is not null) (uid, gid, name) = (match.Uid, match.Gid, match.Name);
        else if (numeric) uid = uidArg;
        else if (userArg.Length > 0) throw new ContainerStartError($"unable to find user {userArg}: no matching entries in passwd file");

        if (!string.IsNullOrEmpty(groupArg)) gid = FindGroup(groups, groupArg);
        // dockerd lists the primary group first (so it may appear twice), then the memberships, then --group-add.
        var additional = new List<uint> { gid };
        if (string.IsNullOrEmpty(groupArg) && name is not null)
            additional.AddRange(groups.Where(g => g.Members.Contains(name)).Select(g => g.Gid));
        foreach (var extra in groupAdd ?? []) additional.Add(FindGroup(groups, extra));
        return new User { Uid = uid, Gid = gid, AdditionalGids = additional };
    }

    private static uint FindGroup(List<GroupEntry> groups, string arg)
    {
        var numeric = uint.TryParse(arg, out var n);
        var match = groups.FirstOrDefault(g => numeric ? g.Gid == n : g.Name == arg);
        if (match is not null) return match.Gid;
        return numeric ? n : throw new ContainerStartError($"unable to find group {arg}: no matching entries in group file");
    }

    private static List<PasswdEntry> ReadPasswd(string path) => Lines(path)
        .Select(f => f.Length >= 4 && uint.TryParse(f[2], out var u) && uint.TryParse(f[3], out var g) ? new PasswdEntry(f[0], u, g) : null)
        .OfType<PasswdEntry>().ToList();

    private static List<GroupEntry> ReadGroups(string path) => Lines(path)
        .Select(f => f.Length >= 3 && uint.TryParse(f[2], out var g)
            ? new GroupEntry(f[0], g, f.Length > 3 ? f[3].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [])
            : null)
        .OfType<GroupEntry>().ToList();

    /// <summary>The colon-separated fields of each non-comment line; a missing file has none (a scratch image).</summary>
    private static IEnumerable<string[]> Lines(string path)
    {
        if (!File.Exists(path)) return [];
        return File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split(':'));
    }
}
