using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Seccomp;
using static Berth.UnitTests.Seccomp.Profiles;

namespace Berth.UnitTests.Seccomp;

/// <summary>Random profiles compiled and run against the oracle: any layout, precedence or comparison slip shows up.</summary>
public class RandomProfileTests
{
    private static readonly string[] NamePool =
    [
        "read", "write", "getcwd", "uname", "futex", "personality", "clone", "socket", "rt_sigaction", "execve",
        "socketcall", "_llseek", "uselib", "mmap2", "no_such_syscall", "getppid", "ioctl", "prctl",
    ];

    private static readonly string[] Ops =
        ["SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE", "SCMP_CMP_EQ", "SCMP_CMP_GE", "SCMP_CMP_GT", "SCMP_CMP_MASKED_EQ"];

    private static readonly string[] Actions =
    [
        "SCMP_ACT_ALLOW", "SCMP_ACT_ERRNO", "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_TRAP", "SCMP_ACT_LOG", "SCMP_ACT_TRACE",
        "SCMP_ACT_KILL",
    ];

    private static readonly ulong[] Values =
        [0, 1, 7, 0xFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0x1_0000_0000, 0x1_0000_0007, ulong.MaxValue, 0x8000_0000_0000_0000];

    private static ulong RandomValue(Random random)
        => random.Next(3) == 0 ? (ulong)random.NextInt64() ^ ((ulong)random.Next() << 33) : Values[random.Next(Values.Length)];

    private static LinuxSeccomp RandomProfile(Random random)
    {
        var rules = new List<LinuxSyscall>();
        for (int r = random.Next(1, 40); r > 0; r--)
        {
            var names = Enumerable.Range(0, random.Next(1, 4)).Select(_ => NamePool[random.Next(NamePool.Length)]).ToArray();
            var args = Enumerable.Range(0, random.Next(0, 4))
                .Select(_ => Arg((uint)random.Next(6), Ops[random.Next(Ops.Length)], RandomValue(random), RandomValue(random)))
                .ToArray();
            var rule = Rule(Actions[random.Next(Actions.Length)], names, args);
            if (random.Next(2) == 0) rule.ErrnoRet = (uint)random.Next(1, 4096);
            rules.Add(rule);
        }
        var profile = Profile(Actions[random.Next(Actions.Length)], rules.ToArray());
        if (random.Next(2) == 0) profile.DefaultErrnoRet = (uint)random.Next(1, 200);
        string[] arches = ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32", "SCMP_ARCH_AARCH64"];
        profile.Architectures = arches.Where(_ => random.Next(2) == 0).ToList();
        return profile;
    }

    [Fact]
    public void Compile_AgreesWithTheOracleOnRandomProfiles()
    {
        var random = new Random(4096);
        for (int p = 0; p < 300; p++)
        {
            var profile = RandomProfile(random);
            var program = SeccompCompiler.Compile(profile).Instructions;
            var ruleValues = (profile.Syscalls ?? []).SelectMany(s => s.Args ?? []).SelectMany(a => new[] { a.Value, a.ValueTwo, a.Value + 1, a.Value - 1 }).ToArray();
            for (int i = 0; i < 400; i++)
            {
                uint arch = random.Next(10) switch { 0 => Verdicts.ArchAarch64, < 4 => Verdicts.ArchI386, _ => Verdicts.ArchX86_64 };
                uint nr = random.Next(10) == 0 ? uint.MaxValue : (uint)random.Next(0, 400);
                if (arch == Verdicts.ArchX86_64 && nr != uint.MaxValue && random.Next(3) == 0) nr = Verdicts.X32Bit | (uint)random.Next(0, 560);
                var args = new ulong[6];
                for (int a = 0; a < 6; a++)
                    args[a] = ruleValues.Length > 0 && random.Next(2) == 0 ? ruleValues[random.Next(ruleValues.Length)] : RandomValue(random);
                uint expected = ProfileOracle.Verdict(profile, arch, nr, args);
                uint actual = BpfInterpreter.Run(program, arch, nr, args);
                Assert.True(expected == actual,
                    $"profile {p}, arch 0x{arch:x}, nr 0x{nr:x}, args [{string.Join(", ", args.Select(x => $"0x{x:x}"))}]: expected 0x{expected:x}, got 0x{actual:x}");
            }
        }
    }
}
