namespace Berth.Runtime.Privileges;

/// <summary>One resource limit: the kernel's resource number with its soft and hard value (ulong.MaxValue = unlimited).</summary>
public readonly record struct ResourceLimit(int Resource, ulong Soft, ulong Hard)
{
    /// <summary>RLIM_INFINITY.</summary>
    public const ulong Unlimited = ulong.MaxValue;

    // Index = resource number (asm-generic/resource.h, shared by x86_64 and arm64).
    private static readonly string[] TypeNames =
    [
        "RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_CORE", "RLIMIT_RSS", "RLIMIT_NPROC",
        "RLIMIT_NOFILE", "RLIMIT_MEMLOCK", "RLIMIT_AS", "RLIMIT_LOCKS", "RLIMIT_SIGPENDING", "RLIMIT_MSGQUEUE",
        "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME",
    ];

    /// <summary>How many resources have a name (RLIMIT_NLIMITS).</summary>
    public static int TypeCount => TypeNames.Length;

    /// <summary>The OCI type name of this limit (RLIMIT_NOFILE).</summary>
    public string Type => TypeName(Resource);

    /// <summary>The OCI type name of a resource number.</summary>
    public static string TypeName(int resource)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(resource);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(resource, TypeNames.Length);
        return TypeNames[resource];
    }

    /// <summary>Finds the resource number of an OCI type name (RLIMIT_AS … RLIMIT_RTTIME, case-insensitive).</summary>
    public static bool TryParseType(ReadOnlySpan<char> type, out int resource)
    {
        for (var i = 0; i < TypeNames.Length; i++)
        {
            if (type.Equals(TypeNames[i], StringComparison.OrdinalIgnoreCase))
            {
                resource = i;
                return true;
            }
        }
        resource = -1;
        return false;
    }

    /// <summary>Finds the resource number of an OCI type name; an unknown one is a RuntimeException naming it.</summary>
    public static int ParseType(string type)
        => TryParseType(type, out var resource) ? resource : throw new RuntimeException($"unknown rlimit type \"{type}\"");

    /// <summary>This limit with both values lowered to at most <paramref name="hardCeiling"/> (a host's hard limit).</summary>
    public ResourceLimit ClampedTo(ulong hardCeiling) => this with
    {
        Soft = Math.Min(Soft, hardCeiling),
        Hard = Math.Min(Hard, hardCeiling),
    };

    /// <summary>"RLIMIT_NOFILE=1024:4096", with "unlimited" for RLIM_INFINITY.</summary>
    public override string ToString() => $"{Type}={Format(Soft)}:{Format(Hard)}";

    /// <summary>A limit value as a number, or "unlimited".</summary>
    public static string Format(ulong value) => value == Unlimited ? "unlimited" : value.ToString();
}
