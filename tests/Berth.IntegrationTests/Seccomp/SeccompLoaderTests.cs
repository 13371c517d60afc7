using Process = System.Diagnostics.Process;
using ProcessStartInfo = System.Diagnostics.ProcessStartInfo;
using System.Runtime.InteropServices;
using Berth.Oci.RuntimeSpec;
using Berth.Runtime;
using Berth.Runtime.Interop;
using Berth.Runtime.Seccomp;

namespace Berth.IntegrationTests.Seccomp;

public class SeccompLoaderTests
{
    private const long SysGetcwd = 79, SysUname = 63, SysGetpid = 39, SysGettid = 186;
    private const int EPERM = 1;
    private const uint DistinctErrno = 1234;

    /// <summary>getcwd → EPERM, uname → 1234 (an errno nothing else returns), everything else allowed.</summary>
    private static SeccompProgram DenyGetcwdAndUname()
    {
        var uname = new LinuxSyscall { Names = ["uname"], Action = "SCMP_ACT_ERRNO", ErrnoRet = DistinctErrno };
        return SeccompCompiler.Compile(new LinuxSeccomp
        {
            DefaultAction = "SCMP_ACT_ALLOW",
            Architectures = ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"],
            Syscalls = [new LinuxSyscall { Names = ["getcwd"], Action = "SCMP_ACT_ERRNO" }, uname],
        });
    }

    private static unsafe (long Result, int Errno) RawSyscall(long number, long a1 = 0, long a2 = 0)
    {
        long result = Libc.syscall(number, a1, a2, 0, 0, 0, 0);
        return (result, result == -1 ? Marshal.GetLastPInvokeError() : 0);
    }

    private static unsafe (long Result, int Errno) Getcwd()
    {
        byte* buffer = stackalloc byte[4096];
        return RawSyscall(SysGetcwd, (long)buffer, 4096);
    }

    private static unsafe (long Result, int Errno) Uname()
    {
        byte* buffer = stackalloc byte[390 * 2]; // struct utsname is 6 × 65 bytes
        return RawSyscall(SysUname, (long)buffer);
    }

    private static string StatusField(string status, string field)
        => status.Split('\n').Single(line => line.StartsWith(field + ":", StringComparison.Ordinal))[(field.Length + 1)..].Trim();

    private static void SetNoNewPrivileges()
        => Libc.Check(Libc.prctl(Libc.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "prctl PR_SET_NO_NEW_PRIVS");

    [Fact]
    public void Load_FiltersTheCallingThreadOnly()
    {
        var program = DenyGetcwdAndUname();
        long filteredTid = 0;
        FilteredThread.Run(() =>
        {
            Assert.Equal(0, Getcwd().Errno);
            SetNoNewPrivileges();
            SeccompLoader.Load(program);

            Assert.Equal((-1L, EPERM), Getcwd());
            Assert.Equal((-1L, (int)DistinctErrno), Uname());
            Assert.Equal((long)Environment.ProcessId, RawSyscall(SysGetpid).Result);
            filteredTid = RawSyscall(SysGettid).Result;

            var status = File.ReadAllText("/proc/thread-self/status");
            Assert.Equal("2", StatusField(status, "Seccomp"));
            Assert.Equal("1", StatusField(status, "Seccomp_filters"));
            Assert.Equal("1", StatusField(status, "NoNewPrivs"));
        });

        // The test's own thread never got the filter.
        Assert.True(Getcwd().Result > 0);
        Assert.Equal(0, Uname().Result);
        Assert.Equal("0", StatusField(File.ReadAllText("/proc/thread-self/status"), "Seccomp"));
        Assert.NotEqual(RawSyscall(SysGettid).Result, filteredTid);
    }

    [Fact]
    public void Load_StacksFiltersOnTheSameThread()
    {
        FilteredThread.Run(() =>
        {
            SetNoNewPrivileges();
            SeccompLoader.Load(DenyGetcwdAndUname());
            SeccompLoader.Load(SeccompCompiler.Compile(new LinuxSeccomp
            {
                DefaultAction = "SCMP_ACT_ALLOW",
                Syscalls = [new LinuxSyscall { Names = ["getpid"], Action = "SCMP_ACT_ERRNO", ErrnoRet = 77 }],
            }));
            Assert.Equal((-1L, 77), RawSyscall(SysGetpid));
            Assert.Equal((-1L, EPERM), Getcwd());
            Assert.Equal("2", StatusField(File.ReadAllText("/proc/thread-self/status"), "Seccomp_filters"));
        });
    }

    [Fact]
    public void Load_ComparesArgumentsInTheKernelAsInTheInterpreter()
    {
        // getcwd with a size of exactly 0x1_0000_0010 fails with 1234; a size differing only in the high half works.
        var program = SeccompCompiler.Compile(new LinuxSeccomp
        {
            DefaultAction = "SCMP_ACT_ALLOW",
            Syscalls =
            [
                new LinuxSyscall
                {
                    Names = ["getcwd"], Action = "SCMP_ACT_ERRNO", ErrnoRet = DistinctErrno,
                    Args = [new LinuxSeccompArg { Index = 1, Op = "SCMP_CMP_EQ", Value = 0x1_0000_0010 }],
                },
            ],
        });
        FilteredThread.Run(() =>
        {
            SetNoNewPrivileges();
            SeccompLoader.Load(program);
            unsafe
            {
                byte* buffer = stackalloc byte[4096];
                Assert.Equal((-1L, (int)DistinctErrno), RawSyscall(SysGetcwd, (long)buffer, 0x1_0000_0010));
                Assert.True(RawSyscall(SysGetcwd, (long)buffer, 0x10_0000_0010).Result > 0);
                Assert.True(RawSyscall(SysGetcwd, (long)buffer, 4096).Result > 0);
            }
        });
    }

    [Fact]
    public void Load_AcceptsALongProgramAndEnforcesItsLastRules()
    {
        // 500 argument rules for getcwd: one block of thousands of instructions, entered past a long jump.
        var rules = Enumerable.Range(0, 500).Select(i => new LinuxSyscall
        {
            Names = ["getcwd"], Action = "SCMP_ACT_ERRNO", ErrnoRet = (uint)i + 1,
            Args = [new LinuxSeccompArg { Index = 1, Op = "SCMP_CMP_EQ", Value = 0x1000 + (ulong)i }],
        }).Append(new LinuxSyscall { Names = ["uname"], Action = "SCMP_ACT_ERRNO", ErrnoRet = DistinctErrno });
        var program = SeccompCompiler.Compile(new LinuxSeccomp { DefaultAction = "SCMP_ACT_ALLOW", Syscalls = rules.ToList() });
        Assert.True(program.Instructions.Length > 2500, $"{program.Instructions.Length} instructions");

        FilteredThread.Run(() =>
        {
            SetNoNewPrivileges();
            SeccompLoader.Load(program);
            unsafe
            {
                byte* buffer = stackalloc byte[8192];
                foreach (int i in new[] { 0, 1, 254, 255, 256, 498, 499 })
                    Assert.Equal((-1L, i + 1), RawSyscall(SysGetcwd, (long)buffer, 0x1000 + i));
                Assert.True(RawSyscall(SysGetcwd, (long)buffer, 0x1000 + 500).Result > 0);
            }
            Assert.Equal((-1L, (int)DistinctErrno), Uname());
        });
    }

    [Fact]
    public void Load_ReachesChildrenForkedFromTheFilteredThread()
    {
        using (var warmUp = Process.Start(new ProcessStartInfo("/bin/true") { UseShellExecute = false })!)
            warmUp.WaitForExit(); // Process's helper threads start here, not on the filtered thread

        var program = DenyGetcwdAndUname();
        Process? cat = null, uname = null;
        FilteredThread.Run(() =>
        {
            SetNoNewPrivileges();
            SeccompLoader.Load(program);
            cat = Process.Start(new ProcessStartInfo("/bin/cat", "/proc/self/status")
                { UseShellExecute = false, RedirectStandardOutput = true })!;
            uname = Process.Start(new ProcessStartInfo("/bin/uname")
                { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true })!;
        });

        using (cat!)
        using (uname!)
        {
            string status = cat!.StandardOutput.ReadToEnd();
            cat.WaitForExit();
            Assert.Equal("2", StatusField(status, "Seccomp"));
            Assert.Equal("1", StatusField(status, "NoNewPrivs"));

            string unameError = uname!.StandardError.ReadToEnd();
            uname.WaitForExit();
            Assert.NotEqual(0, uname.ExitCode);
            Assert.Contains("1234", unameError); // "cannot get system name: Unknown error 1234": our filter's errno
        }
    }

    [Fact]
    public void Load_RefusesAnInvalidProgramWithTheKernelsError()
    {
        // A program whose last instruction is not a ret: the kernel's checker answers EINVAL.
        var broken = new SeccompProgram([new SockFilter(0x20, 0, 0, 0)], SeccompFilterFlags.None);
        FilteredThread.Run(() =>
        {
            SetNoNewPrivileges();
            var error = Assert.Throws<RuntimeException>(() => SeccompLoader.Load(broken));
            Assert.StartsWith("load seccomp filter: invalid argument", error.Message);
            Assert.Equal("0", StatusField(File.ReadAllText("/proc/thread-self/status"), "Seccomp"));
        });
    }
}
