using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Interop;
using static Berth.Runtime.Interop.Libc.PrivilegeCalls;

namespace Berth.Runtime.Privileges;

/// <summary>An execution domain with its flags (personality(2)), e.g. LINUX32 so that uname reports a 32-bit machine.
/// The persona belongs to the calling thread and is inherited by what it forks and execs.</summary>
public readonly record struct Personality(uint Value)
{
    // linux/personality.h: the domain in the low byte, bug-emulation flags above it.
    private static readonly (string Name, uint Value)[] Domains = [("LINUX", 0x0000), ("LINUX32", 0x0008)];

    private static readonly (string Name, uint Value)[] Flags =
    [
        ("UNAME26", 0x0020000), ("ADDR_NO_RANDOMIZE", 0x0040000), ("FDPIC_FUNCPTRS", 0x0080000),
        ("MMAP_PAGE_ZERO", 0x0100000), ("ADDR_COMPAT_LAYOUT", 0x0200000), ("READ_IMPLIES_EXEC", 0x0400000),
        ("ADDR_LIMIT_32BIT", 0x0800000), ("SHORT_INODE", 0x1000000), ("WHOLE_SECONDS", 0x2000000),
        ("STICKY_TIMEOUTS", 0x4000000), ("ADDR_LIMIT_3GB", 0x8000000),
    ];

    /// <summary>Validates an OCI personality: domain LINUX or LINUX32; flags by their linux/personality.h names
    /// (the runtime spec defines none yet, so these are the kernel's own).</summary>
    public static Personality FromOci(LinuxPersonality personality)
    {
        var value = Lookup(Domains, personality.Domain)
            ?? throw new RuntimeException($"linux.personality: unknown domain \"{personality.Domain}\" (expected LINUX or LINUX32)");
        foreach (var flag in personality.Flags ?? [])
            value |= Lookup(Flags, flag) ?? throw new RuntimeException($"linux.personality: unknown flag \"{flag}\"");
        return new Personality(value);
    }

    /// <summary>Sets the calling thread's persona.</summary>
    public void Apply()
    {
        if (personality(Value) == -1)
            throw Libc.Error($"setting personality 0x{Value:x}");
    }

    /// <summary>The calling thread's persona.</summary>
    public static Personality Current() => new((uint)Libc.Check(personality(0xffffffff), "reading personality"));

    private static uint? Lookup((string Name, uint Value)[] table, string name)
    {
        foreach (var entry in table)
        {
            if (entry.Name == name)
                return entry.Value;
        }
        return null;
    }
}
