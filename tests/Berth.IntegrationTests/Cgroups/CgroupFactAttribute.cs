using Berth.Runtime.Cgroups;

namespace Berth.IntegrationTests.Cgroups;

/// <summary>
/// A test that needs root and a kind of host: "v1" (v1 controllers, legacy or hybrid), "hybrid", "v2" (any cgroup2
/// mount), or "v2:&lt;controller&gt;" (a cgroup2 mount whose root offers that controller).
/// </summary>
public sealed class CgroupFactAttribute : FactAttribute
{
    public CgroupFactAttribute(string needs)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Skip = "needs root";
            return;
        }
        var layout = CgroupLayout.Detect();
        Skip = needs switch
        {
            "v1" when layout.Mode == CgroupMode.Unified => "needs cgroup v1 controllers",
            "hybrid" when layout.Mode != CgroupMode.Hybrid => "needs a hybrid cgroup host",
            "v2" when layout.Unified is null => "needs a cgroup2 mount",
            _ when needs.StartsWith("v2:") && !OffersController(layout, needs[3..]) => $"needs cgroup2 with the {needs[3..]} controller",
            _ => null,
        };
    }

    private static bool OffersController(CgroupLayout layout, string controller)
        => layout.Unified is { } unified
           && File.ReadAllText(Path.Combine(unified.MountPoint, "cgroup.controllers")).Split(' ', StringSplitOptions.TrimEntries).Contains(controller);
}
