using System.Buffers.Binary;
using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Cgroups.Devices;
using Berth.Runtime.Cgroups.V2.DeviceFilter;
using static Berth.UnitTests.Cgroups.DeviceRuleTests;

namespace Berth.UnitTests.Cgroups;

public class DeviceProgramTests
{
    private static bool RunProgram(DeviceRuleSet rules, DeviceType type, long major, long minor, DeviceAccess access)
    {
        var bytes = BpfInstruction.Encode(DeviceProgram.Compile(rules));
        var context = new byte[12];
        int devType = type == DeviceType.Block ? DeviceProgram.DevBlock : DeviceProgram.DevChar;
        BinaryPrimitives.WriteUInt32LittleEndian(context, (uint)((int)access << 16 | devType));
        BinaryPrimitives.WriteUInt32LittleEndian(context.AsSpan(4), (uint)major);
        BinaryPrimitives.WriteUInt32LittleEndian(context.AsSpan(8), (uint)minor);
        ulong verdict = new BpfInterpreter(bytes).Run(context);
        Assert.True(verdict is 0 or 1, $"verdict {verdict}");
        return verdict == 1;
    }

    [Theory]
    [MemberData(nameof(DeviceRuleTests.Cases), MemberType = typeof(DeviceRuleTests))]
    public void Program_DecidesLikeTheV1Kernel(string name, LinuxDeviceCgroup[] rules, string access, bool allowed)
    {
        var (type, major, minor, bits) = ParseAccess(access);
        Assert.True(allowed == RunProgram(DeviceRuleSet.FromSpec(rules), type, major, minor, bits), name);
    }

    [Fact]
    public void Program_AgreesWithTheRuleSetOnRandomRuleLists()
    {
        var random = new Random(20261123);
        long[] numbers = [-1, 1, 3, 5, 136];
        string[] accesses = ["r", "w", "m", "rw", "rm", "wm", "rwm"];
        for (int list = 0; list < 300; list++)
        {
            var rules = new List<LinuxDeviceCgroup>();
            for (int i = random.Next(0, 7); i > 0; i--)
            {
                string? type = random.Next(8) switch { 0 => "a", < 5 => "c", _ => "b" };
                long major = numbers[random.Next(numbers.Length)], minor = numbers[random.Next(numbers.Length)];
                rules.Add(R(random.Next(2) == 0, type, major < 0 ? null : major, minor < 0 ? null : minor, accesses[random.Next(accesses.Length)]));
            }
            var set = DeviceRuleSet.FromSpec(rules);
            foreach (var type in new[] { DeviceType.Char, DeviceType.Block })
            foreach (long major in numbers[1..])
            foreach (long minor in numbers[1..])
            foreach (var access in accesses)
            {
                var bits = DeviceAccessText.Parse(access);
                Assert.True(set.IsAllowed(type, major, minor, bits) == RunProgram(set, type, major, minor, bits),
                    $"rules [{string.Join(", ", rules.Select(r => DeviceRule.FromSpec(r) is var d ? $"{(d.Allow ? "allow" : "deny")} {d.ToV1Line()}" : ""))}] on {type} {major}:{minor} {access}");
            }
        }
    }

    [Fact]
    public void Program_EndsWithTheDefaultAndUsesOnlyContextLoads()
    {
        var program = DeviceProgram.Compile(DeviceRuleSet.FromSpec([R(false), R(true, "c", 1, 3)]));

        Assert.Equal(BpfInstruction.Move32(0, 0), program[^2]);
        Assert.Equal(BpfInstruction.Exit(), program[^1]);
        Assert.All(program.Where(i => (i.Code & 0x07) == BpfInstruction.ClassLdx), i => Assert.Equal(1, i.Source));
    }

    [Fact]
    public void Encode_WritesTheKernelsInstructionLayout()
    {
        var bytes = BpfInstruction.Encode([BpfInstruction.LoadWord(2, 1, 4), BpfInstruction.JumpIfNotEqual(3, 2, 5), BpfInstruction.Move32(0, 1), BpfInstruction.Exit()]);

        Assert.Equal(Convert.FromHexString("6112040000000000" + "5503050002000000" + "b400000001000000" + "9500000000000000"), bytes);
        Assert.Equal(BpfInstruction.JumpIfNotEqual(3, 2, 5), BpfInstruction.Decode(bytes.AsSpan(8, 8)));
    }
}
