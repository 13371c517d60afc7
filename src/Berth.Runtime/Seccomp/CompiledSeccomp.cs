using System.Runtime.InteropServices;
using System.Text.Json.Serialization;
using Berth.Oci.RuntimeSpec;

namespace Berth.Runtime.Seccomp;

/// <summary>A seccomp filter compiled by the runtime, as the init request carries it: the init loads it as it is
/// instead of parsing and compiling the profile again in a fresh process, where both cost milliseconds.</summary>
internal sealed class CompiledSeccomp
{
    /// <summary>The SECCOMP_FILTER_FLAG_* bits.</summary>
    [JsonPropertyName("flags")] public uint Flags { get; set; }

    /// <summary>The struct sock_filter array, byte for byte.</summary>
    [JsonPropertyName("filter")] public byte[] Filter { get; set; } = [];

    /// <summary>The spec as the init gets it (without its seccomp profile) and the profile compiled; a spec without a
    /// profile is returned as it is. Throws, before any process exists, for a profile that does not compile.</summary>
    internal static (Spec Spec, CompiledSeccomp? Seccomp) Split(Spec spec)
    {
        if (spec.Linux?.Seccomp is not { } profile) return (spec, null);
        var compiled = Of(profile);
        var linux = spec.Linux.ShallowCopy();
        linux.Seccomp = null;
        var copy = spec.ShallowCopy();
        copy.Linux = linux;
        return (copy, compiled);
    }

    /// <summary>The profile compiled (null for none); throws for a profile that does not compile.</summary>
    internal static CompiledSeccomp? Of(LinuxSeccomp? profile)
    {
        if (profile == null) return null;
        var program = SeccompCompiler.Compile(profile);
        return new CompiledSeccomp { Flags = (uint)program.Flags, Filter = MemoryMarshal.AsBytes(program.Instructions.AsSpan()).ToArray() };
    }

    /// <summary>The program to load.</summary>
    internal SeccompProgram ToProgram()
    {
        if (Filter.Length == 0 || Filter.Length % Marshal.SizeOf<SockFilter>() != 0)
            throw new RuntimeException("init: malformed seccomp filter in the request");
        return new SeccompProgram(MemoryMarshal.Cast<byte, SockFilter>(Filter).ToArray(), (SeccompFilterFlags)Flags);
    }
}
