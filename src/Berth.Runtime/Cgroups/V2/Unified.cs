using Berth.Runtime.Cgroups.Common;

namespace Berth.Runtime.Cgroups.V2;

/// <summary>The spec's "unified" map: raw cgroup v2 files and values, written last so they can refine the typed settings.</summary>
internal static class Unified
{
    /// <summary>Checks that every key names an existing file of the cgroup, saying which controller is missing if not.</summary>
    public static void Validate(CgroupDirectory directory, IReadOnlyDictionary<string, string> values, IReadOnlySet<string> controllers)
    {
        foreach (var key in values.Keys)
        {
            if (key.Length == 0 || key.Contains('/') || key is "." or ".." || !key.Contains('.'))
                throw new RuntimeException($"invalid unified cgroup resource \"{key}\": use a file name such as memory.high");
            if (directory.Has(key)) continue;
            string controller = key[..key.IndexOf('.')];
            if (controller != "cgroup" && !controllers.Contains(controller))
                throw new RuntimeException($"unified cgroup resource \"{key}\": the {controller} controller is not enabled for {directory.Path}");
            throw new RuntimeException($"unified cgroup resource \"{key}\": {directory.FilePath(key)} does not exist");
        }
    }

    /// <summary>Writes each value to its file.</summary>
    public static void Apply(CgroupDirectory directory, IReadOnlyDictionary<string, string> values)
    {
        foreach (var (key, value) in values)
            directory.Write(key, value);
    }
}
