using System.Globalization;
using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Cgroups.Common;
using Berth.Runtime.Cgroups.Stats;

namespace Berth.Runtime.Cgroups.V1;

/// <summary>
/// The cgroup v1 manager: one directory per mounted hierarchy (named ones such as name=systemd included, as runc
/// joins them) and, on a hybrid host, the controller-less cgroup2 hierarchy too, so the process is tracked there.
/// </summary>
internal sealed class CgroupV1 : ICgroup
{
    /// <summary>The controllers in the order they are applied (cpuset first: the others may depend on its CPUs).</summary>
    private static readonly IResourceController[] Controllers =
        [new Cpuset(), new Devices(), new Memory(), new Cpu(), new CpuAcct(), new Pids(), new Blkio(), new Hugetlb(), new NetCls(), new NetPrio()];

    private readonly CgroupLayout _layout;
    private readonly List<(CgroupHierarchy Hierarchy, string CgroupPath, CgroupDirectory Directory)> _members;

    /// <summary>Binds the cgroup to its path in each hierarchy.</summary>
    public CgroupV1(CgroupLayout layout, IEnumerable<(CgroupHierarchy Hierarchy, string CgroupPath)> members)
    {
        _layout = layout;
        _members = members.Select(m => (m.Hierarchy, m.CgroupPath, new CgroupDirectory(m.Hierarchy.DirectoryOf(m.CgroupPath), layout.Files))).ToList();
        if (_members.Count == 0)
            throw new RuntimeException("no cgroup v1 hierarchy is mounted");
    }

    public string Path => _members[0].CgroupPath;

    public IReadOnlyDictionary<string, string> Paths => _members.ToDictionary(m => m.Hierarchy.Name, m => m.CgroupPath);

    public bool IsUnified => false;

    public bool Exists() => _members.Any(m => m.Directory.Exists());

    public void Create()
    {
        var created = new List<string>();
        try
        {
            foreach (var (hierarchy, _, directory) in _members)
            {
                Action<string>? eachLevel = hierarchy.Has("cpuset")
                    ? level => Cpuset.InheritFromParent(new CgroupDirectory(level, _layout.Files))
                    : null;
                CgroupTree.CreatePath(_layout.Files, hierarchy.MountPoint, directory.Path, created, eachLevel);
            }
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
        if (resources.Unified is { Count: > 0 })
            throw new RuntimeException("unified cgroup resources need cgroup v2, but this host uses cgroup v1 controllers");

        var requested = new List<(IResourceController Controller, CgroupDirectory Directory)>();
        foreach (var controller in Controllers)
        {
            if (!controller.IsRequested(resources)) continue;
            var directory = DirectoryOf(controller.Name)
                ?? throw new RuntimeException($"the {controller.Name} cgroup controller is not mounted on this host, but the resources set {controller.Name} limits");
            if (!directory.Exists())
                throw new RuntimeException($"the cgroup {directory.Path} does not exist");
            requested.Add((controller, directory));
        }
        foreach (var (controller, directory) in requested)
            controller.Validate(directory, resources);
        foreach (var (controller, directory) in requested)
            controller.Apply(directory, resources);
    }

    public void AddProcess(int pid)
    {
        string text = pid.ToString(CultureInfo.InvariantCulture);
        foreach (var (_, _, directory) in _members)
            directory.Write("cgroup.procs", text);
    }

    public void Freeze() => Freezer.Freeze(FreezerDirectory());

    public void Thaw() => Freezer.Thaw(FreezerDirectory());

    public bool IsFrozen() => DirectoryOf("freezer") is { } directory && Freezer.IsFrozen(directory);

    public IReadOnlyList<int> GetPids()
    {
        // Every process is in every v1 hierarchy; prefer ones every kernel has.
        var directory = DirectoryOf("pids") ?? DirectoryOf("devices") ?? DirectoryOf("memory") ?? _members[0].Directory;
        return CgroupTree.Processes(_layout.Files, directory.Path);
    }

    public CgroupStats GetStats()
    {
        var stats = new CgroupStats();
        foreach (var controller in Controllers)
        {
            if (DirectoryOf(controller.Name) is { } directory && directory.Exists())
                controller.CollectStats(directory, stats);
        }
        return stats;
    }

    public ulong GetOomKillCount()
        => DirectoryOf("memory") is { } directory && directory.Exists() ? Memory.OomKillCount(directory) : 0;

    public ulong GetMemoryEvent(string name) => 0;

    public IEnumerable<OomEvent> WatchOomEvents(CancellationToken cancellationToken)
        => OomNotifier.Watch(DirectoryOf("memory") ?? throw new RuntimeException("the memory cgroup controller is not mounted"), cancellationToken);

    public void Destroy()
    {
        // Try every hierarchy even when one fails, so a busy one does not leave the others behind.
        RuntimeException? first = null;
        foreach (var (_, _, directory) in _members)
        {
            try
            {
                CgroupTree.Remove(_layout.Files, directory.Path);
            }
            catch (RuntimeException e)
            {
                first ??= e;
            }
        }
        if (first is not null) throw first;
    }

    /// <summary>The cgroup's directory in the hierarchy carrying the controller, or null if it is not mounted.</summary>
    private CgroupDirectory? DirectoryOf(string controller)
    {
        foreach (var member in _members)
        {
            if (member.Hierarchy.Has(controller))
                return member.Directory;
        }
        return null;
    }

    private CgroupDirectory FreezerDirectory()
        => DirectoryOf("freezer") ?? throw new RuntimeException("the freezer cgroup controller is not mounted; cannot pause or resume");
}
