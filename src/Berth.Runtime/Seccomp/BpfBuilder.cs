namespace Berth.Runtime.Seccomp;

/// <summary>
/// Emits a fragment of classic BPF with forward jumps to labels, resolved by <see cref="Build"/>.
/// A fragment is self-contained: its jumps land inside it or exactly at its end, which is how
/// fragments are stacked one after another (a rule's "no match" falls into the next rule).
/// </summary>
internal sealed class BpfBuilder
{
    private readonly List<SockFilter> _code = new();
    private readonly List<int> _labelPositions = new();
    private readonly List<Fixup> _fixups = new();

    /// <summary>Instructions emitted so far.</summary>
    internal int Count => _code.Count;

    /// <summary>A new, still unbound label.</summary>
    internal BpfLabel NewLabel()
    {
        _labelPositions.Add(-1);
        return new BpfLabel(_labelPositions.Count - 1);
    }

    /// <summary>Binds <paramref name="label"/> to the next instruction to be emitted.</summary>
    internal void Bind(BpfLabel label)
    {
        if (_labelPositions[label.Id] != -1)
            throw new InvalidOperationException($"BPF label {label.Id} bound twice");
        _labelPositions[label.Id] = _code.Count;
    }

    /// <summary>A = the 32-bit word at <paramref name="offset"/> of seccomp_data.</summary>
    internal void LoadWord(uint offset) => _code.Add(new SockFilter(BpfOpcodes.LoadWordAbsolute, 0, 0, offset));

    /// <summary>A &amp;= <paramref name="mask"/>.</summary>
    internal void And(uint mask) => _code.Add(new SockFilter(BpfOpcodes.AndConstant, 0, 0, mask));

    /// <summary>Ends the filter with <paramref name="verdict"/> (a SECCOMP_RET_* value).</summary>
    internal void Return(uint verdict) => _code.Add(new SockFilter(BpfOpcodes.ReturnConstant, 0, 0, verdict));

    /// <summary>Compares A with <paramref name="k"/>; a null target means the next instruction.</summary>
    internal void JumpIf(ushort opcode, uint k, BpfLabel? whenTrue, BpfLabel? whenFalse)
    {
        if (whenTrue is { } t) _fixups.Add(new Fixup(_code.Count, t, FixupSlot.True));
        if (whenFalse is { } f) _fixups.Add(new Fixup(_code.Count, f, FixupSlot.False));
        _code.Add(new SockFilter(opcode, 0, 0, k));
    }

    /// <summary>Jumps to <paramref name="target"/> unconditionally; reaches any distance.</summary>
    internal void Jump(BpfLabel target)
    {
        _fixups.Add(new Fixup(_code.Count, target, FixupSlot.K));
        _code.Add(new SockFilter(BpfOpcodes.JumpAlways, 0, 0, 0));
    }

    /// <summary>Appends an already built, self-contained fragment.</summary>
    internal void Append(ReadOnlySpan<SockFilter> fragment)
    {
        foreach (var instruction in fragment) _code.Add(instruction);
    }

    /// <summary>Resolves every jump; fails when a conditional jump would need more than 255 instructions.</summary>
    internal SockFilter[] Build()
    {
        var code = _code.ToArray();
        foreach (var fixup in _fixups)
        {
            int target = _labelPositions[fixup.Label.Id];
            if (target == -1) throw new InvalidOperationException($"BPF label {fixup.Label.Id} never bound");
            int distance = target - fixup.At - 1;
            if (distance < 0) throw new InvalidOperationException("BPF jumps only forward");
            var old = code[fixup.At];
            code[fixup.At] = fixup.Slot switch
            {
                FixupSlot.K => old with { K = (uint)distance },
                _ when distance > BpfOpcodes.MaxConditionalJump => throw new RuntimeException(
                    $"seccomp: a rule compiles to a conditional jump of {distance} instructions (at most {BpfOpcodes.MaxConditionalJump}); split its argument comparisons"),
                FixupSlot.True => old with { JumpIfTrue = (byte)distance },
                _ => old with { JumpIfFalse = (byte)distance },
            };
        }
        return code;
    }

    private enum FixupSlot { True, False, K }

    private readonly record struct Fixup(int At, BpfLabel Label, FixupSlot Slot);
}
