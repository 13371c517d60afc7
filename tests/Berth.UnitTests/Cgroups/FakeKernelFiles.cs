using Berth.Runtime.Cgroups.Common;
using Berth.Runtime.Cgroups.Devices;

namespace Berth.UnitTests.Cgroups;

/// <summary>
/// cgroupfs imitated over a temp directory: records every write, populates new cgroup directories like the kernel,
/// and enforces the few kernel rules the code must respect (memory &lt;= memory+swap in v1, devices lists, freezer
/// states, subtree_control). Tests can make a file fail with an errno.
/// </summary>
internal sealed class FakeKernelFiles(Func<string, IReadOnlyDictionary<string, string>> filesForNewDirectory) : CgroupFiles
{
    private const ulong V1Unlimited = 9223372036854771712;

    /// <summary>Every write in order: (absolute path, value).</summary>
    public List<(string Path, string Value)> Writes { get; } = [];

    /// <summary>errno to fail a write with, by file name; the function sees the value and returns 0 to let it pass.</summary>
    public Dictionary<string, Func<string, int>> FailWrites { get; } = [];

    /// <summary>Rewrites a value before it is stored, by file name (to imitate clamping).</summary>
    public Dictionary<string, Func<string, string>> StoreAs { get; } = [];

    /// <summary>Writes the "kernel" accepts without effect: (file name, value) → true to ignore.</summary>
    public Func<string, string, bool>? IgnoreWrites { get; set; }

    /// <summary>Paths whose removal fails with this errno a number of times first.</summary>
    public Dictionary<string, (int Errno, int Times)> FailRemovals { get; } = [];

    /// <summary>Every directory removal in order.</summary>
    public List<string> Removals { get; } = [];

    public override void Write(string path, string value)
    {
        string name = Path.GetFileName(path);
        if (FailWrites.TryGetValue(name, out var fail) && fail(value) is int errno and not 0)
            throw Failure($"write \"{value}\" to {path}", errno);
        if (!File.Exists(path))
            throw Failure($"write \"{value}\" to {path}", 2);
        Writes.Add((path, value));
        if (IgnoreWrites?.Invoke(name, value) == true) return;
        string directory = Path.GetDirectoryName(path)!;
        switch (name)
        {
            case "memory.limit_in_bytes":
                if (V1Value(value) > V1Value(Read(Path.Combine(directory, "memory.memsw.limit_in_bytes"))))
                    throw Failure($"write \"{value}\" to {path}", 22);
                break;
            case "memory.memsw.limit_in_bytes":
                if (V1Value(value) < V1Value(Read(Path.Combine(directory, "memory.limit_in_bytes"))))
                    throw Failure($"write \"{value}\" to {path}", 22);
                break;
            case "devices.allow" or "devices.deny":
                var rules = DeviceRuleSet.FromV1List(Read(Path.Combine(directory, "devices.list")));
                var rule = value.StartsWith('a')
                    ? new DeviceRule(name == "devices.allow", DeviceType.All, -1, -1, DeviceAccess.All)
                    : DeviceRuleSet.ParseV1Line(value, name == "devices.allow");
                rules.Apply(rule);
                File.WriteAllText(Path.Combine(directory, "devices.list"), rules.ToV1List());
                return;
            case "cgroup.freeze":
                File.WriteAllText(Path.Combine(directory, "cgroup.events"), $"populated 1\nfrozen {value.Trim()}\n");
                break;
            case "cgroup.subtree_control":
                var enabled = new SortedSet<string>(Read(path).Split([" ", "\n"], StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
                foreach (var change in value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (change[0] == '+') enabled.Add(change[1..]); else enabled.Remove(change[1..]);
                }
                value = string.Join(' ', enabled);
                break;
        }
        if (StoreAs.TryGetValue(name, out var transform))
            value = transform(value);
        File.WriteAllText(path, value + "\n");
    }

    public override bool CreateDirectory(string path)
    {
        if (Directory.Exists(path)) return false;
        if (!Directory.Exists(Path.GetDirectoryName(path)))
            throw Failure($"create cgroup {path}", 2);
        Directory.CreateDirectory(path);
        foreach (var (name, content) in filesForNewDirectory(path))
            File.WriteAllText(Path.Combine(path, name), content);
        return true;
    }

    public override int RemoveDirectory(string path)
    {
        Removals.Add(path);
        if (!Directory.Exists(path)) return 2;
        if (FailRemovals.TryGetValue(path, out var failure) && failure.Times > 0)
        {
            FailRemovals[path] = (failure.Errno, failure.Times - 1);
            return failure.Errno;
        }
        if (Directory.GetDirectories(path).Length > 0) return 16; // EBUSY: a cgroup with children
        Directory.Delete(path, recursive: true); // cgroupfs drops the control files with the directory
        return 0;
    }

    /// <summary>The writes to files of one directory, as (file name, value).</summary>
    public List<(string File, string Value)> WritesIn(string directory)
        => Writes.Where(w => Path.GetDirectoryName(w.Path) == directory.TrimEnd('/')).Select(w => (Path.GetFileName(w.Path), w.Value)).ToList();

    private static ulong V1Value(string text)
    {
        text = text.Trim();
        return text == "-1" ? V1Unlimited : ulong.Parse(text);
    }
}
