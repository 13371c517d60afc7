using Berth.Oci.RuntimeSpec;
using static Berth.Runtime.Interop.Libc;

namespace Berth.Runtime.Processes;

/// <summary>The OCI namespace type names, their clone flags and their /proc/PID/ns file names.</summary>
internal static class NamespaceTypes
{
    private static readonly (string Oci, int Flag, string File)[] Table =
    [
        ("pid", CLONE_NEWPID, "pid"), ("network", CLONE_NEWNET, "net"), ("mount", CLONE_NEWNS, "mnt"),
        ("ipc", CLONE_NEWIPC, "ipc"), ("uts", CLONE_NEWUTS, "uts"), ("user", CLONE_NEWUSER, "user"),
        ("cgroup", CLONE_NEWCGROUP, "cgroup"), ("time", CLONE_NEWTIME, "time"),
    ];

    /// <summary>All OCI namespace type names, for `features`.</summary>
    internal static IEnumerable<string> Names => Table.Select(t => t.Oci);

    /// <summary>The clone flag of an OCI namespace type; throws for an unknown type.</summary>
    internal static int FlagOf(string ociType)
    {
        foreach (var t in Table) if (t.Oci == ociType) return t.Flag;
        throw new RuntimeException($"unknown namespace type \"{ociType}\"");
    }

    /// <summary>The /proc/PID/ns file name of a clone flag.</summary>
    internal static string FileOf(int flag) => Table.First(t => t.Flag == flag).File;

    /// <summary>The OCI name of a clone flag.</summary>
    internal static string NameOf(int flag) => Table.First(t => t.Flag == flag).Oci;

    /// <summary>True when the spec asks for the namespace type (new or joined).</summary>
    internal static bool Has(Spec spec, string ociType) => spec.Linux?.Namespaces?.Any(n => n.Type == ociType) == true;

    /// <summary>True when the spec asks for a new namespace of the type (no path).</summary>
    internal static bool IsNew(Spec spec, string ociType)
        => spec.Linux?.Namespaces?.Any(n => n.Type == ociType && string.IsNullOrEmpty(n.Path)) == true;
}
