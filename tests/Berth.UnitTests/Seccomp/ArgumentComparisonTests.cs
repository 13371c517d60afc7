using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Seccomp;
using static Berth.UnitTests.Seccomp.Profiles;

namespace Berth.UnitTests.Seccomp;

public class ArgumentComparisonTests
{
    /// <summary>Values at the edges of the 32-bit halves, where hi/lo comparison bugs show.</summary>
    private static readonly ulong[] Edges =
    [
        0, 1, 2, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFE, 0xFFFF_FFFF,
        0x1_0000_0000, 0x1_0000_0001, 0x1_FFFF_FFFF, 0x2_0000_0000, 0x2_0000_0001,
        0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000, 0xFFFF_FFFF_0000_0000, 0xFFFF_FFFF_FFFF_FFFE, ulong.MaxValue,
    ];

    private static readonly (uint Arch, uint Nr, bool Wide)[] GetcwdByAbi =
    [
        (Verdicts.ArchX86_64, 79, true),
        (Verdicts.ArchX86_64, Verdicts.X32Bit | 79, false),
        (Verdicts.ArchI386, 183, false),
    ];

    private static bool Holds(string op, ulong x, ulong value, ulong valueTwo) => op switch
    {
        "SCMP_CMP_NE" => x != value,
        "SCMP_CMP_LT" => x < value,
        "SCMP_CMP_LE" => x <= value,
        "SCMP_CMP_EQ" => x == value,
        "SCMP_CMP_GE" => x >= value,
        "SCMP_CMP_GT" => x > value,
        "SCMP_CMP_MASKED_EQ" => (x & value) == (valueTwo & value),
        _ => throw new ArgumentException(op),
    };

    [Theory]
    [InlineData("SCMP_CMP_NE")]
    [InlineData("SCMP_CMP_LT")]
    [InlineData("SCMP_CMP_LE")]
    [InlineData("SCMP_CMP_EQ")]
    [InlineData("SCMP_CMP_GE")]
    [InlineData("SCMP_CMP_GT")]
    public void Compile_ComparesArgumentsAsUnsignedValuesOfTheAbiWidth(string op)
    {
        for (int v = 0; v < Edges.Length; v++)
        {
            uint index = (uint)(v % 6);
            var program = SeccompCompiler.Compile(Profile("SCMP_ACT_ALLOW",
                Rule("SCMP_ACT_ERRNO", "getcwd", Arg(index, op, Edges[v])))).Instructions;
            foreach (var x in Edges)
            {
                foreach (var (arch, nr, wide) in GetcwdByAbi)
                {
                    var args = new ulong[6];
                    args[index] = x;
                    ulong width = wide ? ulong.MaxValue : uint.MaxValue;
                    bool holds = Holds(op, x & width, Edges[v] & width, 0);
                    uint expected = holds ? Verdicts.Errno(Verdicts.EPERM) : Verdicts.Allow;
                    Assert.True(expected == BpfInterpreter.Run(program, arch, nr, args),
                        $"{op} arg{index}=0x{x:x} value=0x{Edges[v]:x} arch=0x{arch:x} nr=0x{nr:x}: expected holds={holds}");
                }
            }
        }
    }

    [Fact]
    public void Compile_MaskedEqualTestsOnlyTheMaskedBits()
    {
        ulong[] masks = [0, 0xFF, 0x7E02_0000, 0xFFFF_FFFF, 0x1_0000_00FF, 0xFFFF_FFFF_0000_0000, ulong.MaxValue];
        ulong[] datums = [0, 0x12, 0x0002_0000, 0xFFFF_FFFF, 0x1_0000_0012, 0x1234_5678_0000_0000, ulong.MaxValue];
        ulong[] inputs = [.. Edges, 0x12, 0x1_0000_0012, 0x0002_0012, 0x7E02_0000, 0x1234_5678_0000_0000, 0x1234_5678_FFFF_FFFF];
        foreach (var mask in masks)
        {
            foreach (var datum in datums)
            {
                var program = SeccompCompiler.Compile(Profile("SCMP_ACT_ALLOW",
                    Rule("SCMP_ACT_ERRNO", "getcwd", Arg(2, "SCMP_CMP_MASKED_EQ", mask, datum)))).Instructions;
                foreach (var x in inputs)
                {
                    foreach (var (arch, nr, wide) in GetcwdByAbi)
                    {
                        ulong width = wide ? ulong.MaxValue : uint.MaxValue;
                        bool holds = Holds("SCMP_CMP_MASKED_EQ", x & width, mask & width, datum & width);
                        uint expected = holds ? Verdicts.Errno(Verdicts.EPERM) : Verdicts.Allow;
                        Assert.True(expected == BpfInterpreter.Run(program, arch, nr, 0, 0, x),
                            $"mask=0x{mask:x} datum=0x{datum:x} arg=0x{x:x} arch=0x{arch:x}: expected holds={holds}");
                    }
                }
            }
        }
    }

    [Fact]
    public void Compile_RequiresEveryConditionOfARule()
    {
        var program = SeccompCompiler.Compile(Profile("SCMP_ACT_ALLOW",
            Rule("SCMP_ACT_ERRNO", "getcwd",
                Arg(0, "SCMP_CMP_EQ", 1),
                Arg(1, "SCMP_CMP_GT", 0x1_0000_0000),
                Arg(5, "SCMP_CMP_MASKED_EQ", 0xF0, 0x30)))).Instructions;
        uint Run(params ulong[] args) => BpfInterpreter.Run(program, Verdicts.ArchX86_64, 79, args);

        Assert.Equal(Verdicts.Errno(Verdicts.EPERM), Run(1, 0x1_0000_0001, 0, 0, 0, 0x3F));
        Assert.Equal(Verdicts.Allow, Run(2, 0x1_0000_0001, 0, 0, 0, 0x3F));
        Assert.Equal(Verdicts.Allow, Run(1, 0x1_0000_0000, 0, 0, 0, 0x3F));
        Assert.Equal(Verdicts.Allow, Run(1, 0x1_0000_0001, 0, 0, 0, 0x4F));
    }

    [Fact]
    public void Compile_FirstMatchingRuleOfASyscallDecides()
    {
        var errno = (uint e) => { var r = Rule("SCMP_ACT_ERRNO", "getcwd"); r.ErrnoRet = e; return r; };
        var first = errno(5); first.Args = [Arg(0, "SCMP_CMP_EQ", 5)];
        var second = errno(6);
        var unreachable = Rule("SCMP_ACT_KILL", "getcwd", Arg(0, "SCMP_CMP_EQ", 7));
        var program = SeccompCompiler.Compile(Profile("SCMP_ACT_ALLOW", first, second, unreachable)).Instructions;

        Assert.Equal(Verdicts.Errno(5), BpfInterpreter.Run(program, Verdicts.ArchX86_64, 79, 5));
        Assert.Equal(Verdicts.Errno(6), BpfInterpreter.Run(program, Verdicts.ArchX86_64, 79, 7));
        Assert.Equal(Verdicts.Errno(6), BpfInterpreter.Run(program, Verdicts.ArchX86_64, 79, 0));
    }

    [Fact]
    public void Compile_ARuleWithTheDefaultVerdictStillShadowsLaterRules()
    {
        var program = SeccompCompiler.Compile(Profile("SCMP_ACT_ERRNO",
            Rule("SCMP_ACT_ERRNO", "getcwd", Arg(0, "SCMP_CMP_EQ", 1)),
            Rule("SCMP_ACT_ALLOW", "getcwd"))).Instructions;
        Assert.Equal(Verdicts.Errno(Verdicts.EPERM), BpfInterpreter.Run(program, Verdicts.ArchX86_64, 79, 1));
        Assert.Equal(Verdicts.Allow, BpfInterpreter.Run(program, Verdicts.ArchX86_64, 79, 2));
    }

    [Fact]
    public void Compile_ConditionalRulesFallBackToTheDefaultWhenNoneMatches()
    {
        var program = SeccompCompiler.Compile(Profile("SCMP_ACT_ERRNO",
            Rule("SCMP_ACT_ALLOW", "personality", Arg(0, "SCMP_CMP_EQ", 0)),
            Rule("SCMP_ACT_ALLOW", "personality", Arg(0, "SCMP_CMP_EQ", 8)))).Instructions;
        Assert.Equal(Verdicts.Allow, BpfInterpreter.Run(program, Verdicts.ArchX86_64, 135, 8));
        Assert.Equal(Verdicts.Errno(Verdicts.EPERM), BpfInterpreter.Run(program, Verdicts.ArchX86_64, 135, 9));
    }
}
