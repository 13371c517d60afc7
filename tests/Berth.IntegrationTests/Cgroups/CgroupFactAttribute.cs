using Berth.Runtime.Cgroups;

namespace Berth.IntegrationTests.Cgroups;

/// <summary>A test that needs root and a host whose cgroup mode is the given one (v1 for legacy/hybrid; "v2" needs any cgroup2 mount).</summary>
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
            "v2" when layout.Unified is null => "needs a cgroup2 mount",
            _ => null,
        };
    }
}
