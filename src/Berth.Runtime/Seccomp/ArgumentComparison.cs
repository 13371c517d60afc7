using Berth.Oci.RuntimeSpec;

namespace Berth.Runtime.Seccomp;

/// <summary>One condition on a syscall argument, and the BPF that tests it.</summary>
/// <param name="Index">Argument number, 0 to 5.</param>
/// <param name="Operator">How the argument is compared.</param>
/// <param name="Value">The operand; the mask for <see cref="ComparisonOperator.MaskedEqual"/>.</param>
/// <param name="ValueTwo">The datum for <see cref="ComparisonOperator.MaskedEqual"/>; unused otherwise.</param>
internal readonly record struct ArgumentComparison(uint Index, ComparisonOperator Operator, ulong Value, ulong ValueTwo)
{
    /// <summary>Syscalls take at most six arguments.</summary>
    private const uint ArgumentCount = 6;

    /// <summary>Reads an OCI argument comparison; an unknown operator or an index past 5 fails, naming it.</summary>
    internal static ArgumentComparison From(LinuxSeccompArg arg)
    {
        if (arg.Index >= ArgumentCount)
            throw new RuntimeException($"seccomp argument index {arg.Index} is out of range (0-5)");
        var op = arg.Op switch
        {
            "SCMP_CMP_NE" => ComparisonOperator.NotEqual,
            "SCMP_CMP_LT" => ComparisonOperator.Less,
            "SCMP_CMP_LE" => ComparisonOperator.LessOrEqual,
            "SCMP_CMP_EQ" => ComparisonOperator.Equal,
            "SCMP_CMP_GE" => ComparisonOperator.GreaterOrEqual,
            "SCMP_CMP_GT" => ComparisonOperator.Greater,
            "SCMP_CMP_MASKED_EQ" => ComparisonOperator.MaskedEqual,
            _ => throw new RuntimeException($"unknown seccomp operator \"{arg.Op}\""),
        };
        return new ArgumentComparison(arg.Index, op, arg.Value, arg.ValueTwo);
    }

    /// <summary>
    /// Emits the test: it falls through when the condition holds and jumps to <paramref name="fail"/> when not.
    /// For a 64-bit ABI both 32-bit halves are compared (high first, as an unsigned 64-bit comparison);
    /// for a 32-bit ABI (i386, x32) only the low halves, as libseccomp does for 32-bit architectures.
    /// </summary>
    internal void Emit(BpfBuilder code, BpfLabel fail, bool wide)
    {
        if (AlwaysHolds(wide)) return;
        if (wide) EmitWide(code, fail);
        else EmitNarrow(code, fail);
    }

    /// <summary>True for comparisons no argument can fail (≥ 0, ≤ the maximum, a mask without bits): they need no code.</summary>
    private bool AlwaysHolds(bool wide)
    {
        ulong width = wide ? ulong.MaxValue : uint.MaxValue;
        return Operator switch
        {
            ComparisonOperator.GreaterOrEqual => (Value & width) == 0,
            ComparisonOperator.LessOrEqual => (Value & width) == width,
            ComparisonOperator.MaskedEqual => (Value & width) == 0,
            _ => false,
        };
    }

    private void EmitNarrow(BpfBuilder code, BpfLabel fail)
    {
        uint value = (uint)Value;
        if (Operator == ComparisonOperator.MaskedEqual)
        {
            EmitMaskedWord(code, fail, SeccompData.ArgLow(Index), value, (uint)ValueTwo);
            return;
        }
        code.LoadWord(SeccompData.ArgLow(Index));
        switch (Operator)
        {
            case ComparisonOperator.Equal: code.JumpIf(BpfOpcodes.JumpIfEqual, value, null, fail); break;
            case ComparisonOperator.NotEqual: code.JumpIf(BpfOpcodes.JumpIfEqual, value, fail, null); break;
            case ComparisonOperator.Greater: code.JumpIf(BpfOpcodes.JumpIfGreater, value, null, fail); break;
            case ComparisonOperator.GreaterOrEqual: code.JumpIf(BpfOpcodes.JumpIfGreaterOrEqual, value, null, fail); break;
            case ComparisonOperator.Less: code.JumpIf(BpfOpcodes.JumpIfGreaterOrEqual, value, fail, null); break;
            case ComparisonOperator.LessOrEqual: code.JumpIf(BpfOpcodes.JumpIfGreater, value, fail, null); break;
        }
    }

    private void EmitWide(BpfBuilder code, BpfLabel fail)
    {
        uint high = (uint)(Value >> 32), low = (uint)Value;
        uint lowOffset = SeccompData.ArgLow(Index), highOffset = SeccompData.ArgHigh(Index);
        switch (Operator)
        {
            case ComparisonOperator.MaskedEqual:
                EmitMaskedWord(code, fail, highOffset, high, (uint)(ValueTwo >> 32));
                EmitMaskedWord(code, fail, lowOffset, low, (uint)ValueTwo);
                return;
            case ComparisonOperator.Equal:
                code.LoadWord(highOffset);
                code.JumpIf(BpfOpcodes.JumpIfEqual, high, null, fail);
                code.LoadWord(lowOffset);
                code.JumpIf(BpfOpcodes.JumpIfEqual, low, null, fail);
                return;
        }

        // The remaining operators can decide on the high half alone, so they need a "holds" exit too.
        var holds = code.NewLabel();
        code.LoadWord(highOffset);
        switch (Operator)
        {
            case ComparisonOperator.NotEqual:
                code.JumpIf(BpfOpcodes.JumpIfEqual, high, null, holds);
                code.LoadWord(lowOffset);
                code.JumpIf(BpfOpcodes.JumpIfEqual, low, fail, null);
                break;
            case ComparisonOperator.Greater:
            case ComparisonOperator.GreaterOrEqual:
                code.JumpIf(BpfOpcodes.JumpIfGreater, high, holds, null);
                code.JumpIf(BpfOpcodes.JumpIfEqual, high, null, fail);
                code.LoadWord(lowOffset);
                code.JumpIf(Operator == ComparisonOperator.Greater ? BpfOpcodes.JumpIfGreater : BpfOpcodes.JumpIfGreaterOrEqual,
                    low, null, fail);
                break;
            case ComparisonOperator.Less:
            case ComparisonOperator.LessOrEqual:
                code.JumpIf(BpfOpcodes.JumpIfGreater, high, fail, null);
                code.JumpIf(BpfOpcodes.JumpIfEqual, high, null, holds);
                code.LoadWord(lowOffset);
                // argument < value ⇔ !(argument >= value); argument <= value ⇔ !(argument > value).
                code.JumpIf(Operator == ComparisonOperator.Less ? BpfOpcodes.JumpIfGreaterOrEqual : BpfOpcodes.JumpIfGreater,
                    low, fail, null);
                break;
        }
        code.Bind(holds);
    }

    /// <summary>(word &amp; mask) == (datum &amp; mask); nothing to test when the mask has no bit in this word.</summary>
    private static void EmitMaskedWord(BpfBuilder code, BpfLabel fail, uint offset, uint mask, uint datum)
    {
        if (mask == 0) return;
        code.LoadWord(offset);
        if (mask != uint.MaxValue) code.And(mask);
        code.JumpIf(BpfOpcodes.JumpIfEqual, datum & mask, null, fail);
    }
}
