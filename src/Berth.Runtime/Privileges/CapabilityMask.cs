using System.Text;

namespace Berth.Runtime.Privileges;

/// <summary>A set of capabilities as the kernel stores it: bit n set means capability n is in the set.</summary>
public readonly record struct CapabilityMask(ulong Bits)
{
    /// <summary>The empty set.</summary>
    public static CapabilityMask Empty => default;

    /// <summary>Every capability from 0 up to and including <paramref name="last"/>.</summary>
    public static CapabilityMask UpTo(int last)
        => last < 0 ? Empty : new(last >= 63 ? ulong.MaxValue : (1UL << (last + 1)) - 1);

    /// <summary>The set holding the named capabilities (names as <see cref="Capability.Parse"/> reads them).</summary>
    public static CapabilityMask Of(params ReadOnlySpan<string> names)
    {
        var mask = Empty;
        foreach (var name in names)
            mask = mask.With(Capability.Parse(name));
        return mask;
    }

    /// <summary>Whether capability <paramref name="number"/> is in the set.</summary>
    public bool Contains(int number) => (uint)number < 64 && ((Bits >> number) & 1) != 0;

    /// <summary>This set plus capability <paramref name="number"/>.</summary>
    public CapabilityMask With(int number) => new(Bits | (1UL << number));

    /// <summary>The capabilities in both sets.</summary>
    public CapabilityMask Intersect(CapabilityMask other) => new(Bits & other.Bits);

    /// <summary>The capabilities in either set.</summary>
    public CapabilityMask Union(CapabilityMask other) => new(Bits | other.Bits);

    /// <summary>The capabilities of this set that are not in <paramref name="other"/>.</summary>
    public CapabilityMask Except(CapabilityMask other) => new(Bits & ~other.Bits);

    /// <summary>Whether every capability of this set is also in <paramref name="other"/>.</summary>
    public bool IsSubsetOf(CapabilityMask other) => (Bits & ~other.Bits) == 0;

    /// <summary>Whether the set holds no capability.</summary>
    public bool IsEmpty => Bits == 0;

    /// <summary>The low 32 bits (capabilities 0–31), the first data struct of capset.</summary>
    public uint Low => (uint)Bits;

    /// <summary>The high 32 bits (capabilities 32–63), the second data struct of capset.</summary>
    public uint High => (uint)(Bits >> 32);

    /// <summary>Builds the set from capset's two 32-bit halves.</summary>
    public static CapabilityMask FromHalves(uint low, uint high) => new(low | ((ulong)high << 32));

    /// <summary>The capability numbers in the set, lowest first.</summary>
    public IEnumerable<int> Numbers()
    {
        for (var n = 0; n < 64; n++)
            if (Contains(n))
                yield return n;
    }

    /// <summary>The names in the set, comma-separated ("CAP_CHOWN,CAP_KILL"), or "none".</summary>
    public override string ToString()
    {
        if (IsEmpty)
            return "none";
        var text = new StringBuilder();
        foreach (var n in Numbers())
            text.Append(text.Length == 0 ? "" : ",").Append(Capability.Name(n));
        return text.ToString();
    }
}
