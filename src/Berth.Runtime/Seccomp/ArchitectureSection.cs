using Berth.Runtime.Seccomp.Syscalls;

namespace Berth.Runtime.Seccomp;

/// <summary>
/// Compiles the filter code for one AUDIT_ARCH value. Layout, chosen so that no conditional jump ever
/// reaches further than 255 instructions however long the profile:
/// <code>
///   ld nr
///   [x32 guard]                         x86_64 section without SCMP_ARCH_X32
///   jeq n1 → R; jeq n2 → R; … ; jeq nk ? next : skip; R: ret verdict     runs of ≤ 255 fixed-verdict syscalls
///   jeq n ? body : skip (or jeq + ja); body: rule; rule; …; ret default   one block per argument-dependent syscall
///   ret default
/// </code>
/// Every block starts with A = nr and ends in a ret, so blocks never fall into one another.
/// </summary>
internal static class ArchitectureSection
{
    /// <summary>Most syscalls one run may hold: its first jeq jumps over all the others to the shared ret.</summary>
    private const int MaxRunLength = BpfOpcodes.MaxConditionalJump;

    /// <summary>seccomp_data.nr of the "skipped" syscall -1 that a ptrace tracer may set, seen as u32.</summary>
    private const uint SkippedSyscall = uint.MaxValue;

    /// <summary>
    /// The code of a section serving <paramref name="abis"/>. With <paramref name="guardX32"/> (the x86_64 section
    /// when SCMP_ARCH_X32 is not listed) x32 syscalls get the bad-architecture verdict, as libseccomp's filter does,
    /// except nr -1, which goes through the rules (and so usually to the default verdict).
    /// </summary>
    internal static SockFilter[] Build(IReadOnlyList<SeccompRule> rules, IReadOnlyList<SyscallAbi> abis, bool guardX32,
        uint defaultVerdict)
    {
        var syscalls = Collect(rules, abis);
        var code = new BpfBuilder();
        code.LoadWord(SeccompData.Nr);
        if (guardX32) EmitX32Guard(code);
        EmitFixedRuns(code, syscalls, defaultVerdict);
        foreach (var syscall in syscalls.Where(s => !s.IsFixed).OrderBy(s => s.Number))
            EmitConditionalBlock(code, syscall, defaultVerdict);
        code.Return(defaultVerdict);
        return code.Build();
    }

    private static List<SyscallRules> Collect(IReadOnlyList<SeccompRule> rules, IReadOnlyList<SyscallAbi> abis)
    {
        var byNumber = new Dictionary<uint, SyscallRules>();
        foreach (var rule in rules)
        {
            foreach (var name in rule.Names)
            {
                foreach (var abi in abis)
                {
                    int number = abi.Resolve(name);
                    if (number < 0) continue; // a name this ABI (or these headers) lacks is skipped, as runc does
                    if (!byNumber.TryGetValue((uint)number, out var entry))
                        byNumber[(uint)number] = entry = new SyscallRules((uint)number, abi.Wide);
                    if (entry.Rules.Count == 0 || !ReferenceEquals(entry.Rules[^1], rule)) entry.Rules.Add(rule);
                }
            }
        }
        return byNumber.Values.ToList();
    }

    private static void EmitX32Guard(BpfBuilder code)
    {
        var native = code.NewLabel();
        code.JumpIf(BpfOpcodes.JumpIfGreaterOrEqual, SyscallTable.X32SyscallBit, null, native);
        code.JumpIf(BpfOpcodes.JumpIfEqual, SkippedSyscall, native, null);
        code.Return(SeccompVerdict.BadArchitecture);
        code.Bind(native);
    }

    /// <summary>Syscalls whose verdict never depends on arguments, grouped by verdict; those equal to the default need no code.</summary>
    private static void EmitFixedRuns(BpfBuilder code, List<SyscallRules> syscalls, uint defaultVerdict)
    {
        var groups = syscalls
            .Where(s => s.IsFixed && s.Rules[0].Verdict != defaultVerdict)
            .GroupBy(s => s.Rules[0].Verdict)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key);
        foreach (var group in groups)
        {
            foreach (var run in group.Select(s => s.Number).Order().Chunk(MaxRunLength))
            {
                var verdict = code.NewLabel();
                var after = code.NewLabel();
                for (int i = 0; i < run.Length - 1; i++) code.JumpIf(BpfOpcodes.JumpIfEqual, run[i], verdict, null);
                code.JumpIf(BpfOpcodes.JumpIfEqual, run[^1], null, after);
                code.Bind(verdict);
                code.Return(group.Key);
                code.Bind(after);
            }
        }
    }

    private static void EmitConditionalBlock(BpfBuilder code, SyscallRules syscall, uint defaultVerdict)
    {
        var body = BuildBody(syscall, defaultVerdict);
        var skip = code.NewLabel();
        if (body.Length <= BpfOpcodes.MaxConditionalJump)
        {
            code.JumpIf(BpfOpcodes.JumpIfEqual, syscall.Number, null, skip);
        }
        else
        {
            var enter = code.NewLabel();
            code.JumpIf(BpfOpcodes.JumpIfEqual, syscall.Number, enter, null);
            code.Jump(skip);
            code.Bind(enter);
        }
        code.Append(body);
        code.Bind(skip);
    }

    /// <summary>The rules in profile order: each tests its conditions, returns its verdict, or falls to the next rule.</summary>
    private static SockFilter[] BuildBody(SyscallRules syscall, uint defaultVerdict)
    {
        var body = new BpfBuilder();
        foreach (var rule in syscall.Rules)
        {
            if (rule.IsUnconditional)
            {
                body.Return(rule.Verdict);
                return body.Build(); // later rules for this syscall can never be reached
            }
            var nextRule = body.NewLabel();
            foreach (var comparison in rule.Comparisons) comparison.Emit(body, nextRule, syscall.Wide);
            body.Return(rule.Verdict);
            body.Bind(nextRule);
        }
        body.Return(defaultVerdict);
        return body.Build();
    }
}
