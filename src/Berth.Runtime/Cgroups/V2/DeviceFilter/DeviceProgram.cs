using Berth.Runtime.Cgroups.Devices;

namespace Berth.Runtime.Cgroups.V2.DeviceFilter;

/// <summary>
/// Compiles a DeviceRuleSet into a BPF_PROG_TYPE_CGROUP_DEVICE program that decides like the v1 kernel:
/// each exception becomes a block that returns its verdict when it matches, and the default is returned last.
/// The context is struct bpf_cgroup_dev_ctx { u32 access_type; u32 major; u32 minor; } with
/// access_type = (BPF_DEVCG_ACC_* &lt;&lt; 16) | BPF_DEVCG_DEV_*; a program returns 1 to allow, 0 to refuse.
/// </summary>
internal static class DeviceProgram
{
    // Registers: r1 holds the context on entry; the prologue spreads its fields over r2–r5, r1 is scratch after.
    private const byte Context = 1, Access = 2, Type = 3, Major = 4, Minor = 5, Scratch = 1, Result = 0;

    /// <summary>BPF_DEVCG_DEV_BLOCK and BPF_DEVCG_DEV_CHAR.</summary>
    public const int DevBlock = 1, DevChar = 2;

    /// <summary>The program for a rule set.</summary>
    public static List<BpfInstruction> Compile(DeviceRuleSet rules)
    {
        var program = new List<BpfInstruction>
        {
            BpfInstruction.LoadWord(Access, Context, 0),
            BpfInstruction.Move32(Type, Access),
            BpfInstruction.And32(Type, 0xffff),
            BpfInstruction.RightShift32(Access, 16),
            BpfInstruction.LoadWord(Major, Context, 4),
            BpfInstruction.LoadWord(Minor, Context, 8),
        };
        foreach (var exception in rules.Exceptions)
            program.AddRange(Block(exception, rules.DefaultAllow));
        program.Add(BpfInstruction.Move32(Result, rules.DefaultAllow ? 1 : 0));
        program.Add(BpfInstruction.Exit());
        return program;
    }

    /// <summary>
    /// One exception: tests that skip to the next block when they fail, then "return verdict". An allow exception
    /// must cover every requested access bit; a deny exception matches when it shares any bit with the request.
    /// </summary>
    private static List<BpfInstruction> Block(DeviceRule exception, bool defaultAllow)
    {
        // Each test is built for the distance its jump must skip to land just past this block.
        var tests = new List<Func<short, BpfInstruction[]>>();
        if (exception.Type != DeviceType.All)
        {
            int code = exception.Type == DeviceType.Block ? DevBlock : DevChar;
            tests.Add(skip => [BpfInstruction.JumpIfNotEqual(Type, code, skip)]);
        }
        if (exception.Major != DeviceRule.Wildcard)
            tests.Add(skip => [BpfInstruction.JumpIfNotEqual(Major, unchecked((int)exception.Major), skip)]);
        if (exception.Minor != DeviceRule.Wildcard)
            tests.Add(skip => [BpfInstruction.JumpIfNotEqual(Minor, unchecked((int)exception.Minor), skip)]);
        if (defaultAllow)
        {
            tests.Add(skip =>
            [
                BpfInstruction.Move32(Scratch, Access),
                BpfInstruction.And32(Scratch, (int)exception.Access),
                BpfInstruction.JumpIfEqual(Scratch, 0, skip),
            ]);
        }
        else if (exception.Access != DeviceAccess.All)
        {
            tests.Add(skip =>
            [
                BpfInstruction.Move32(Scratch, Access),
                BpfInstruction.And32(Scratch, (int)(~exception.Access & DeviceAccess.All)),
                BpfInstruction.JumpIfNotEqual(Scratch, 0, skip),
            ]);
        }

        // Lay the tests out back to front so each knows how many instructions remain after it.
        var verdict = new[] { BpfInstruction.Move32(Result, defaultAllow ? 0 : 1), BpfInstruction.Exit() };
        var block = new List<BpfInstruction>(verdict);
        for (int i = tests.Count - 1; i >= 0; i--)
        {
            // A test's jump is its last instruction; it skips everything of the block already laid out.
            block.InsertRange(0, tests[i]((short)block.Count));
        }
        return block;
    }
}
