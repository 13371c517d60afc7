using System.Globalization;
using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Cgroups.Common;
using Berth.Runtime.Cgroups.Stats;

namespace Berth.Runtime.Cgroups.V2;

/// <summary>The cgroup v2 manager: one directory in the unified hierarchy; controllers must be delegated down to it.</summary>
internal sealed class CgroupV2 : ICgroup
{
    /// <summary>The controllers in the order they are applied; devices is an eBPF program, not a controller, and always there.</summary>
    private static readonly IResourceController[] Controllers =
        [new Cpuset(), new Devices(), new Memory(), new Cpu(), new Pids(), new Io(), new Hugetlb()];

    private readonly CgroupLayout _layout;
    private readonly CgroupHierarchy _hierarchy;
    private readonly CgroupDirectory _directory;

    /// <summary>Binds the cgroup to its path in the unified hierarchy.</summary>
    public CgroupV2(CgroupLayout layout, string cgroupPath)
    {
        _layout = layout;
        _hierarchy = layout.Unified ?? throw new RuntimeException("no cgroup2 filesystem is mounted");
        Path = cgroupPath;
        _directory = new CgroupDirectory(_hierarchy.DirectoryOf(cgroupPath), layout.Files);
    }

    public string Path { get; }

    public IReadOnlyDictionary<string, string> Paths => new Dictionary<string, string> { [_hierarchy.Name] = Path };

    public bool IsUnified => true;

    public bool Exists() => _directory.Exists();

    public void Create()
    {
        // Delegate controllers level by level: a controller reaches a cgroup only if every ancestor passes it on.
        var created = new List<string>();
        try
        {
            SubtreeControl.EnableAll(new CgroupDirectory(_hierarchy.MountPoint, _layout.Files));
            CgroupTree.CreatePath(_layout.Files, _hierarchy.MountPoint, _directory.Path, created, level =>
            {
                if (level != _directory.Path)
                    SubtreeControl.EnableAll(new CgroupDirectory(level, _layout.Files));
            });
        }
        catch
        {
            for (int i = created.Count - 1; i >= 0; i--)
                _layout.Files.RemoveDirectory(created[i]);
            throw;
        }
    }

    public void Apply(LinuxResources resources)
    {
        if (!_directory.Exists())
            throw new RuntimeException($"the cgroup {_directory.Path} does not exist");
        var available = SubtreeControl.Available(_directory);
        var requested = new List<IResourceController>();
        foreach (var controller in Controllers)
        {
            if (!controller.IsRequested(resources)) continue;
            if (controller is not Devices && !available.Contains(controller.Name))
                throw new RuntimeException($"the cgroup v2 {controller.Name} controller is not enabled for {_directory.Path}, "
                    + $"but the resources set {controller.Name} limits (enable it in the parent's cgroup.subtree_control)");
            requested.Add(controller);
        }
        foreach (var controller in requested)
            controller.Validate(_directory, resources);
        if (resources.Unified is { Count: > 0 } unified)
            Unified.Validate(_directory, unified, available);

        foreach (var controller in requested)
            controller.Apply(_directory, resources);
        if (resources.Unified is { Count: > 0 })
            Unified.Apply(_directory, resources.Unified);
    }

    public void AddProcess(int pid) => _directory.Write("cgroup.procs", pid.ToString(CultureInfo.InvariantCulture));

    public void Freeze() => Freezer.Freeze(_directory);

    public void Thaw() => Freezer.Thaw(_directory);

    public bool IsFrozen() => Freezer.IsFrozen(_directory);

    public IReadOnlyList<int> GetPids() => CgroupTree.Processes(_layout.Files, _directory.Path);

    public CgroupStats GetStats()
    {
        var stats = new CgroupStats();
        if (!_directory.Exists()) return stats;
        // Each controller reads only the files present, so a controller that is not enabled adds nothing.
        foreach (var controller in Controllers)
            controller.CollectStats(_directory, stats);
        return stats;
    }

    public ulong GetOomKillCount() => Memory.OomKillCount(_directory);

    public ulong GetMemoryEvent(string name) => Memory.EventCount(_directory, name);

    public IEnumerable<OomEvent> WatchOomEvents(CancellationToken cancellationToken) => OomNotifier.Watch(_directory, cancellationToken);

    public void Destroy() => CgroupTree.Remove(_layout.Files, _directory.Path);
}
