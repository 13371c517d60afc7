using Berth.Runtime.Cgroups;

namespace Berth.UnitTests.Cgroups;

/// <summary>A fake host: cgroup hierarchies as directories in a temp folder, a layout parsed from matching mountinfo text, and FakeKernelFiles.</summary>
internal sealed class FakeCgroupHost : IDisposable
{
    /// <summary>The v1 hierarchies of a hybrid host like the project's machine, as mount point name and super options.</summary>
    public static readonly (string Mount, string Options)[] HybridV1 =
    [
        ("cpu", "rw,cpu"), ("cpuacct", "rw,cpuacct"), ("cpuset", "rw,cpuset"), ("memory", "rw,memory"),
        ("devices", "rw,devices"), ("freezer", "rw,freezer"), ("blkio", "rw,blkio"), ("pids", "rw,pids"),
        ("hugetlb", "rw,hugetlb"), ("net_cls,net_prio", "rw,net_cls,net_prio"), ("systemd", "rw,xattr,name=systemd"),
    ];

    private readonly bool _unifiedOnly;

    private FakeCgroupHost(string root, bool unifiedOnly, IReadOnlyList<(string Mount, string Options)> v1, bool withUnified, string ownPath)
    {
        Root = root;
        _unifiedOnly = unifiedOnly;
        Files = new FakeKernelFiles(FilesFor);
        var mountInfo = new List<string> { $"30 22 0:27 / {root} rw,relatime - tmpfs tmpfs rw,mode=755" };
        var processCgroups = new List<string>();
        int id = 31;
        foreach (var (mount, options) in v1)
        {
            Directory.CreateDirectory(Path.Combine(root, mount));
            mountInfo.Add($"{id} 30 0:{id} / {root}/{mount} rw,relatime - cgroup cgroup {options}");
            string controllers = string.Join(',', options.Split(',').Where(o => o is not ("rw" or "xattr")));
            processCgroups.Add($"{id}:{controllers}:{ownPath}");
            id++;
        }
        if (withUnified)
        {
            string unified = unifiedOnly ? root : Path.Combine(root, "unified");
            Directory.CreateDirectory(unified);
            mountInfo.Add($"{id} 30 0:{id} / {unified} rw,nosuid,nodev,noexec,relatime - cgroup2 cgroup2 rw,nsdelegate");
            processCgroups.Add($"0::{ownPath}");
        }
        MountInfo = string.Join('\n', mountInfo) + "\n";
        ProcessCgroups = string.Join('\n', processCgroups) + "\n";
        Layout = CgroupLayout.Parse(MountInfo, ProcessCgroups) with { Files = Files };
        PopulateRoots(unifiedOnly);
    }

    /// <summary>The temp folder all hierarchies live under.</summary>
    public string Root { get; }

    public FakeKernelFiles Files { get; }
    public CgroupLayout Layout { get; }
    public string MountInfo { get; }
    public string ProcessCgroups { get; }

    /// <summary>A hybrid host (v1 controllers plus an empty cgroup2 at unified/); this process in ownPath everywhere.</summary>
    public static FakeCgroupHost Hybrid(string ownPath = "/") => new(TempRoot(), false, HybridV1, true, ownPath);

    /// <summary>A v1-only host.</summary>
    public static FakeCgroupHost Legacy(IReadOnlyList<(string Mount, string Options)>? v1 = null, string ownPath = "/")
        => new(TempRoot(), false, v1 ?? HybridV1, false, ownPath);

    /// <summary>A cgroup2-only host whose root offers the given controllers.</summary>
    public static FakeCgroupHost Unified(string ownPath = "/") => new(TempRoot(), true, [], true, ownPath);

    /// <summary>The controllers the fake v2 root offers.</summary>
    public const string V2Controllers = "cpuset cpu io memory hugetlb pids";

    /// <summary>The directory of a v1 cgroup path in one hierarchy's mount ("memory", "/docker/x").</summary>
    public string V1Dir(string mount, string cgroupPath) => Path.Combine(Root, mount) + cgroupPath.TrimEnd('/');

    /// <summary>The directory of a v2 cgroup path.</summary>
    public string V2Dir(string cgroupPath) => Root + cgroupPath.TrimEnd('/');

    /// <summary>Overwrites a file's content directly (no recording).</summary>
    public static void Set(string directory, string file, string content) => File.WriteAllText(Path.Combine(directory, file), content);

    /// <summary>A file's content without the trailing newline.</summary>
    public static string Get(string directory, string file) => File.ReadAllText(Path.Combine(directory, file)).TrimEnd('\n');

    /// <summary>Creates a cgroup directory with the kernel's files, outside of the code under test.</summary>
    public string MakeCgroup(string mountDirectory, string cgroupPath)
    {
        string current = mountDirectory;
        foreach (var part in cgroupPath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            Files.CreateDirectory(current);
        }
        return current;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }

    private static string TempRoot()
    {
        string root = Path.Combine(Path.GetTempPath(), "berth-cgtest-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        return root;
    }

    private void PopulateRoots(bool unifiedOnly)
    {
        foreach (var directory in Directory.GetDirectories(Root).Append(Root))
        {
            if (directory == Root && !unifiedOnly) continue;
            foreach (var (name, content) in FilesFor(directory, isRoot: true))
                File.WriteAllText(Path.Combine(directory, name), content);
        }
    }

    private IReadOnlyDictionary<string, string> FilesFor(string directory) => FilesFor(directory, isRoot: false);

    /// <summary>The files the kernel shows in a cgroup directory of the hierarchy the directory belongs to.</summary>
    private IReadOnlyDictionary<string, string> FilesFor(string directory, bool isRoot)
    {
        var files = new Dictionary<string, string> { ["cgroup.procs"] = "" };
        string relative = Path.GetRelativePath(Root, directory);
        string mount = relative == "." ? "" : relative.Split('/')[0];
        return _unifiedOnly || mount == "unified" ? V2Files(directory, files, isRoot) : V1Files(mount, files, isRoot);
    }

    private static Dictionary<string, string> V1Files(string mount, Dictionary<string, string> files, bool isRoot)
    {
        const string unlimited = "9223372036854771712";
        files["cgroup.event_control"] = "";
        switch (mount)
        {
            case "memory":
                files["memory.limit_in_bytes"] = unlimited;
                files["memory.memsw.limit_in_bytes"] = unlimited;
                files["memory.soft_limit_in_bytes"] = unlimited;
                files["memory.kmem.limit_in_bytes"] = unlimited;
                files["memory.kmem.tcp.limit_in_bytes"] = unlimited;
                files["memory.swappiness"] = "60";
                files["memory.oom_control"] = "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n";
                foreach (var prefix in new[] { "memory", "memory.memsw", "memory.kmem", "memory.kmem.tcp" })
                {
                    files[prefix + ".usage_in_bytes"] = "0";
                    files[prefix + ".max_usage_in_bytes"] = "0";
                    files[prefix + ".failcnt"] = "0";
                }
                files["memory.stat"] = "cache 0\nrss 0\n";
                break;
            case "cpu":
                files["cpu.shares"] = "1024";
                files["cpu.cfs_period_us"] = "100000";
                files["cpu.cfs_quota_us"] = "-1";
                files["cpu.cfs_burst_us"] = "0";
                files["cpu.rt_period_us"] = "1000000";
                files["cpu.rt_runtime_us"] = "0";
                files["cpu.idle"] = "0";
                files["cpu.stat"] = "nr_periods 0\nnr_throttled 0\nthrottled_time 0\n";
                break;
            case "cpuacct":
                files["cpuacct.usage"] = "0";
                files["cpuacct.usage_percpu"] = "0 0";
                files["cpuacct.stat"] = "user 0\nsystem 0\n";
                break;
            case "cpuset":
                files["cpuset.cpus"] = isRoot ? "0-1" : "";
                files["cpuset.mems"] = isRoot ? "0" : "";
                files["cpuset.cpu_exclusive"] = "0";
                files["cpuset.sched_load_balance"] = "1";
                files["cpuset.sched_relax_domain_level"] = "-1";
                break;
            case "devices":
                files["devices.allow"] = "";
                files["devices.deny"] = "";
                files["devices.list"] = "a *:* rwm\n";
                break;
            case "freezer":
                if (!isRoot) files["freezer.state"] = "THAWED";
                break;
            case "blkio":
                files["blkio.bfq.weight"] = "100";
                files["blkio.bfq.weight_device"] = "default 100";
                files["blkio.bfq.io_service_bytes_recursive"] = "Total 0";
                files["blkio.bfq.io_serviced_recursive"] = "Total 0";
                files["blkio.throttle.io_service_bytes_recursive"] = "Total 0";
                files["blkio.throttle.io_serviced_recursive"] = "Total 0";
                foreach (var name in new[] { "read_bps_device", "write_bps_device", "read_iops_device", "write_iops_device" })
                    files["blkio.throttle." + name] = "";
                break;
            case "pids":
                if (!isRoot)
                {
                    files["pids.max"] = "max";
                    files["pids.current"] = "0";
                }
                break;
            case "hugetlb":
                foreach (var size in new[] { "2MB", "1GB" })
                {
                    files[$"hugetlb.{size}.limit_in_bytes"] = unlimited;
                    files[$"hugetlb.{size}.usage_in_bytes"] = "0";
                    files[$"hugetlb.{size}.max_usage_in_bytes"] = "0";
                    files[$"hugetlb.{size}.failcnt"] = "0";
                }
                break;
            case "net_cls,net_prio":
                files["net_cls.classid"] = "0";
                files["net_prio.ifpriomap"] = "lo 0";
                break;
        }
        return files;
    }

    private static Dictionary<string, string> V2Files(string directory, Dictionary<string, string> files, bool isRoot)
    {
        string parentDelegates = isRoot ? V2Controllers : Get(Path.GetDirectoryName(directory)!, "cgroup.subtree_control");
        files["cgroup.controllers"] = parentDelegates;
        files["cgroup.subtree_control"] = "";
        files["cpu.stat"] = "usage_usec 0\nuser_usec 0\nsystem_usec 0\n";
        if (!isRoot)
        {
            files["cgroup.freeze"] = "0";
            files["cgroup.events"] = "populated 0\nfrozen 0\n";
        }
        var enabled = parentDelegates.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (isRoot) return files;
        foreach (var controller in enabled)
        {
            switch (controller)
            {
                case "memory":
                    files["memory.max"] = "max";
                    files["memory.low"] = "0";
                    files["memory.high"] = "max";
                    files["memory.swap.max"] = "max";
                    files["memory.current"] = "0";
                    files["memory.swap.current"] = "0";
                    files["memory.stat"] = "anon 0\nfile 0\n";
                    files["memory.events"] = "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n";
                    break;
                case "cpu":
                    files["cpu.weight"] = "100";
                    files["cpu.max"] = "max 100000";
                    files["cpu.max.burst"] = "0";
                    files["cpu.idle"] = "0";
                    files["cpu.stat"] = "usage_usec 0\nuser_usec 0\nsystem_usec 0\nnr_periods 0\nnr_throttled 0\nthrottled_usec 0\n";
                    break;
                case "cpuset":
                    files["cpuset.cpus"] = "";
                    files["cpuset.mems"] = "";
                    files["cpuset.cpus.effective"] = "0-1";
                    files["cpuset.mems.effective"] = "0";
                    break;
                case "pids":
                    files["pids.max"] = "max";
                    files["pids.current"] = "0";
                    break;
                case "io":
                    files["io.max"] = "";
                    files["io.weight"] = "default 100";
                    files["io.stat"] = "";
                    break;
                case "hugetlb":
                    files["hugetlb.2MB.max"] = "max";
                    files["hugetlb.2MB.current"] = "0";
                    files["hugetlb.2MB.events"] = "max 0\n";
                    break;
            }
        }
        return files;
    }
}
