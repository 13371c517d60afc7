using Berth.Daemon.Errors;

namespace Berth.Daemon.Containers.Spec;

/// <summary>dockerd's merge of --tmpfs options (mount.MergeTmpfsOptions): the last option of each kind wins, keeping
/// its position; "defaults" is dropped; data options are limited to what tmpfs accepts.</summary>
internal static class TmpfsOptions
{
    /// <summary>The options dockerd starts every --tmpfs mount with.</summary>
    public static readonly string[] Base = ["noexec", "nosuid", "nodev", "rprivate"];

    /// <summary>Option → the mount flag it sets or clears; options of one flag collide. Propagation modes share one key.</summary>
    private static readonly Dictionary<string, string> FlagKeys = new(StringComparer.Ordinal)
    {
        ["ro"] = "rdonly", ["rw"] = "rdonly", ["suid"] = "nosuid", ["nosuid"] = "nosuid", ["dev"] = "nodev",
        ["nodev"] = "nodev", ["exec"] = "noexec", ["noexec"] = "noexec", ["sync"] = "sync", ["async"] = "sync",
        ["dirsync"] = "dirsync", ["remount"] = "remount", ["mand"] = "mand", ["nomand"] = "mand", ["atime"] = "noatime",
        ["noatime"] = "noatime", ["diratime"] = "nodiratime", ["nodiratime"] = "nodiratime", ["bind"] = "bind",
        ["rbind"] = "rbind", ["relatime"] = "relatime", ["norelatime"] = "relatime", ["strictatime"] = "strictatime",
        ["nostrictatime"] = "strictatime", ["private"] = "propagation", ["rprivate"] = "propagation",
        ["shared"] = "propagation", ["rshared"] = "propagation", ["slave"] = "propagation", ["rslave"] = "propagation",
        ["unbindable"] = "propagation", ["runbindable"] = "propagation",
    };

    private static readonly HashSet<string> DataKeys = ["size", "mode", "uid", "gid", "nr_inodes", "nr_blocks", "mpol"];

    /// <summary>The mount options of one --tmpfs entry ("size=64m,exec" or "").</summary>
    public static List<string> Merge(string? data)
    {
        var options = Base.Concat(string.IsNullOrEmpty(data) ? [] : data.Split(',')).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var merged = new List<string>();
        for (var i = options.Count - 1; i >= 0; i--)
        {
            var option = options[i];
            if (option == "defaults") continue;
            string key;
            if (FlagKeys.TryGetValue(option, out var flag)) key = "flag:" + flag;
            else
            {
                var parts = option.Split('=', 2);
                if (parts.Length != 2 || !DataKeys.Contains(parts[0]))
                    throw new BadRequestError($"Invalid tmpfs option [{string.Join(' ', parts.Select(p => $"\"{p}\""))}]");
                key = "data:" + parts[0];
            }
            if (seen.Add(key)) merged.Insert(0, option);
        }
        return merged;
    }
}
