using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Seccomp.Syscalls;

namespace Berth.UnitTests.Seccomp;

/// <summary>
/// The intended meaning of a profile, written straight from the rules (no BPF), to compare compiled filters against:
/// first rule in profile order that names the syscall and whose conditions all hold decides; 32-bit ABIs compare low
/// halves only; unlisted ABIs (and x32 without SCMP_ARCH_X32) are killed; x86_64 is always filtered.
/// </summary>
internal static class ProfileOracle
{
    internal static uint Verdict(LinuxSeccomp profile, uint arch, uint nr, params ulong[] args)
    {
        var listed = profile.Architectures ?? [];
        Func<string, int> resolve;
        bool wide;
        if (arch == Verdicts.ArchX86_64 && nr >= Verdicts.X32Bit && nr != uint.MaxValue)
        {
            if (!listed.Contains("SCMP_ARCH_X32")) return Verdicts.KillThread;
            (resolve, wide) = (SyscallTable.X32, false);
        }
        else if (arch == Verdicts.ArchX86_64)
        {
            (resolve, wide) = (SyscallTable.X86_64, true);
        }
        else if (arch == Verdicts.ArchI386 && listed.Contains("SCMP_ARCH_X86"))
        {
            (resolve, wide) = (SyscallTable.I386, false);
        }
        else
        {
            return Verdicts.KillThread;
        }

        foreach (var rule in profile.Syscalls ?? [])
        {
            if (!rule.Names.Any(name => resolve(name) is var number && number >= 0 && (uint)number == nr)) continue;
            if ((rule.Args ?? []).All(arg => Holds(arg, arg.Index < args.Length ? args[arg.Index] : 0, wide)))
                return ActionVerdict(rule.Action, rule.ErrnoRet);
        }
        return ActionVerdict(profile.DefaultAction, profile.DefaultErrnoRet);
    }

    private static bool Holds(LinuxSeccompArg arg, ulong value, bool wide)
    {
        ulong width = wide ? ulong.MaxValue : uint.MaxValue;
        ulong x = value & width, a = arg.Value & width, b = arg.ValueTwo & width;
        return arg.Op switch
        {
            "SCMP_CMP_NE" => x != a,
            "SCMP_CMP_LT" => x < a,
            "SCMP_CMP_LE" => x <= a,
            "SCMP_CMP_EQ" => x == a,
            "SCMP_CMP_GE" => x >= a,
            "SCMP_CMP_GT" => x > a,
            "SCMP_CMP_MASKED_EQ" => (x & a) == (b & a),
            _ => throw new ArgumentException(arg.Op),
        };
    }

    private static uint ActionVerdict(string action, uint? errno) => action switch
    {
        "SCMP_ACT_KILL" or "SCMP_ACT_KILL_THREAD" => Verdicts.KillThread,
        "SCMP_ACT_KILL_PROCESS" => Verdicts.KillProcess,
        "SCMP_ACT_TRAP" => Verdicts.Trap,
        "SCMP_ACT_ERRNO" => Verdicts.Errno(errno ?? Verdicts.EPERM),
        "SCMP_ACT_TRACE" => Verdicts.Trace | (errno ?? Verdicts.EPERM),
        "SCMP_ACT_ALLOW" => Verdicts.Allow,
        "SCMP_ACT_LOG" => Verdicts.Log,
        _ => throw new ArgumentException(action),
    };
}
