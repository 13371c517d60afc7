using Berth.Runtime.Cgroups.Common;

namespace Berth.Runtime.Cgroups.V2;

/// <summary>The controllers a v2 cgroup offers (cgroup.controllers) and their delegation to children (cgroup.subtree_control).</summary>
internal static class SubtreeControl
{
    /// <summary>The controllers enabled for the cgroup, from its cgroup.controllers.</summary>
    public static HashSet<string> Available(CgroupDirectory directory)
        => directory.ReadIfExists("cgroup.controllers") is string text
            ? [.. text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]
            : [];

    /// <summary>
    /// Enables for the children every controller the cgroup has, as runc does. All at once first; if the kernel
    /// refuses (a controller cannot be delegated, or the cgroup holds processes), one at a time, keeping what works:
    /// a controller that stays missing is reported when resources need it.
    /// </summary>
    public static void EnableAll(CgroupDirectory directory)
    {
        var controllers = Available(directory);
        if (controllers.Count == 0) return;
        var enabled = directory.ReadIfExists("cgroup.subtree_control")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var missing = controllers.Except(enabled).Order(StringComparer.Ordinal).ToList();
        if (missing.Count == 0) return;
        try
        {
            directory.Write("cgroup.subtree_control", string.Join(' ', missing.Select(c => "+" + c)));
        }
        catch (CgroupFileException)
        {
            foreach (var controller in missing)
            {
                try
                {
                    directory.Write("cgroup.subtree_control", "+" + controller);
                }
                catch (CgroupFileException)
                {
                }
            }
        }
    }
}
