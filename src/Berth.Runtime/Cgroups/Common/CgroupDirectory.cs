using System.Globalization;

namespace Berth.Runtime.Cgroups.Common;

/// <summary>One cgroup's directory in one hierarchy, with typed reads and writes of its files.</summary>
internal sealed class CgroupDirectory(string path, CgroupFiles files)
{
    /// <summary>The absolute directory, e.g. /sys/fs/cgroup/memory/docker/abc.</summary>
    public string Path { get; } = path;

    /// <summary>How files are read and written.</summary>
    public CgroupFiles Files { get; } = files;

    /// <summary>The absolute path of one of its files.</summary>
    public string FilePath(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Whether the directory exists.</summary>
    public bool Exists() => Files.Exists(Path);

    /// <summary>Whether a file exists (controllers and kernel versions differ in what they offer).</summary>
    public bool Has(string name) => Files.Exists(FilePath(name));

    /// <summary>The file's text without the trailing newline.</summary>
    public string Read(string name) => Files.Read(FilePath(name)).TrimEnd('\n');

    /// <summary>The file's text, or null when the file does not exist.</summary>
    public string? ReadIfExists(string name) => Has(name) ? Read(name) : null;

    /// <summary>Writes one value.</summary>
    public void Write(string name, string value) => Files.Write(FilePath(name), value);

    /// <summary>Writes one integer value.</summary>
    public void Write(string name, long value) => Write(name, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Writes one unsigned integer value.</summary>
    public void Write(string name, ulong value) => Write(name, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Reads a single-number file; "max" reads as ulong.MaxValue, negatives as 0 (as runc reports them).</summary>
    public ulong ReadUInt64(string name) => CgroupValues.ParseUInt64(Read(name), FilePath(name));

    /// <summary>Like ReadUInt64, but 0 when the file does not exist.</summary>
    public ulong ReadUInt64OrZero(string name) => Has(name) ? ReadUInt64(name) : 0;

    /// <summary>Reads a flat keyed file ("key value" per line) such as memory.stat or cpu.stat.</summary>
    public Dictionary<string, ulong> ReadKeyedValues(string name)
        => CgroupValues.ParseKeyedValues(Read(name), FilePath(name));

    /// <summary>A sub-directory (child cgroup).</summary>
    public CgroupDirectory Child(string name) => new(System.IO.Path.Combine(Path, name), Files);

    /// <summary>The parent directory.</summary>
    public CgroupDirectory Parent() => new(System.IO.Path.GetDirectoryName(Path.TrimEnd('/')) ?? "/", Files);

    public override string ToString() => Path;
}
