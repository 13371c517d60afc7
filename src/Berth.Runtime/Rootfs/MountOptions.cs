using static Berth.Runtime.Interop.Libc;

namespace Berth.Runtime.Rootfs;

/// <summary>An OCI mount's options split the way mount(2) takes them: flags to set, flags to clear, a
/// propagation change, filesystem data, and the runtime's own extensions.</summary>
internal sealed record MountOptions(ulong Flags, ulong ClearedFlags, ulong Propagation, string Data, bool Bind,
    bool Recursive, bool TmpCopyUp)
{
    private static readonly Dictionary<string, (bool Clear, ulong Flag)> FlagTable = new()
    {
        ["ro"] = (false, MS_RDONLY), ["rw"] = (true, MS_RDONLY),
        ["nosuid"] = (false, MS_NOSUID), ["suid"] = (true, MS_NOSUID),
        ["nodev"] = (false, MS_NODEV), ["dev"] = (true, MS_NODEV),
        ["noexec"] = (false, MS_NOEXEC), ["exec"] = (true, MS_NOEXEC),
        ["sync"] = (false, MS_SYNCHRONOUS), ["async"] = (true, MS_SYNCHRONOUS),
        ["dirsync"] = (false, MS_DIRSYNC), ["remount"] = (false, MS_REMOUNT),
        ["mand"] = (false, MS_MANDLOCK), ["nomand"] = (true, MS_MANDLOCK),
        ["noatime"] = (false, MS_NOATIME), ["atime"] = (true, MS_NOATIME),
        ["nodiratime"] = (false, MS_NODIRATIME), ["diratime"] = (true, MS_NODIRATIME),
        ["relatime"] = (false, MS_RELATIME), ["norelatime"] = (true, MS_RELATIME),
        ["strictatime"] = (false, MS_STRICTATIME), ["nostrictatime"] = (true, MS_STRICTATIME),
        ["lazytime"] = (false, MS_LAZYTIME), ["nolazytime"] = (true, MS_LAZYTIME),
        ["iversion"] = (false, MS_I_VERSION), ["noiversion"] = (true, MS_I_VERSION),
        ["silent"] = (false, MS_SILENT), ["loud"] = (true, MS_SILENT),
        ["nosymfollow"] = (false, MS_NOSYMFOLLOW), ["symfollow"] = (true, MS_NOSYMFOLLOW),
        ["defaults"] = (false, 0),
    };

    private static readonly Dictionary<string, ulong> PropagationTable = new()
    {
        ["private"] = MS_PRIVATE, ["rprivate"] = MS_PRIVATE | MS_REC,
        ["shared"] = MS_SHARED, ["rshared"] = MS_SHARED | MS_REC,
        ["slave"] = MS_SLAVE, ["rslave"] = MS_SLAVE | MS_REC,
        ["unbindable"] = MS_UNBINDABLE, ["runbindable"] = MS_UNBINDABLE | MS_REC,
    };

    /// <summary>Every option name Parse understands itself (anything else is passed to the filesystem as data).</summary>
    internal static IEnumerable<string> KnownOptions
        => FlagTable.Keys.Concat(PropagationTable.Keys).Concat(["bind", "rbind", "tmpcopyup"]).Order();

    /// <summary>Parses a mount's option list; type "bind" implies a bind mount.</summary>
    internal static MountOptions Parse(IEnumerable<string>? options, string? type)
    {
        ulong flags = 0, cleared = 0, propagation = 0;
        var data = new List<string>();
        bool bind = type == "bind", recursive = false, copyUp = false;
        foreach (var option in options ?? [])
        {
            if (option is "bind") bind = true;
            else if (option is "rbind") { bind = true; recursive = true; }
            else if (option is "tmpcopyup") copyUp = true;
            else if (option is "idmap" or "ridmap")
                throw new RuntimeException($"mount option \"{option}\" (id-mapped mounts) is not supported");
            else if (FlagTable.TryGetValue(option, out var f))
            {
                if (f.Clear) { flags &= ~f.Flag; cleared |= f.Flag; }
                else { flags |= f.Flag; cleared &= ~f.Flag; }
            }
            else if (PropagationTable.TryGetValue(option, out var p)) propagation = p;
            else data.Add(option);
        }
        return new MountOptions(flags, cleared, propagation, string.Join(',', data), bind, recursive, copyUp);
    }

    /// <summary>The propagation flags of a rootfsPropagation value; throws for an unknown one.</summary>
    internal static ulong ParsePropagation(string value)
        => PropagationTable.TryGetValue(value, out var p) ? p
            : throw new RuntimeException($"unknown rootfsPropagation \"{value}\"");
}
