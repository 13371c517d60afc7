using Berth.Oci.RuntimeSpec;

namespace Berth.UnitTests.Seccomp;

/// <summary>Terse builders for seccomp profiles in tests.</summary>
internal static class Profiles
{
    internal static LinuxSeccomp Profile(string defaultAction, params LinuxSyscall[] rules) => new()
    {
        DefaultAction = defaultAction,
        Architectures = ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"],
        Syscalls = rules.ToList(),
    };

    internal static LinuxSyscall Rule(string action, string[] names, params LinuxSeccompArg[] args) => new()
    {
        Names = names.ToList(),
        Action = action,
        Args = args.Length == 0 ? null : args.ToList(),
    };

    internal static LinuxSyscall Rule(string action, string name, params LinuxSeccompArg[] args) => Rule(action, [name], args);

    internal static LinuxSeccompArg Arg(uint index, string op, ulong value, ulong valueTwo = 0)
        => new() { Index = index, Op = op, Value = value, ValueTwo = valueTwo };
}
