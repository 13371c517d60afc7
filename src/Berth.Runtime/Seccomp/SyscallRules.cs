namespace Berth.Runtime.Seccomp;

/// <summary>The rules that name one syscall number in one section, in profile order (the first that matches decides).</summary>
internal sealed class SyscallRules(uint number, bool wide)
{
    /// <summary>The syscall number as seccomp_data.nr shows it.</summary>
    internal uint Number { get; } = number;

    /// <summary>True when its arguments are compared as 64-bit values.</summary>
    internal bool Wide { get; } = wide;

    /// <summary>The rules naming it, in profile order.</summary>
    internal List<SeccompRule> Rules { get; } = new();

    /// <summary>True when the first rule has no conditions, so the verdict never depends on arguments.</summary>
    internal bool IsFixed => Rules[0].IsUnconditional;
}
