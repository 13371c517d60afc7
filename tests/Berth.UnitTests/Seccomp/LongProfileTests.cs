using Berth.Oci.RuntimeSpec;
using Berth.Runtime;
using Berth.Runtime.Seccomp;
using Berth.Runtime.Seccomp.Syscalls;
using static Berth.UnitTests.Seccomp.Profiles;

namespace Berth.UnitTests.Seccomp;

/// <summary>Profiles big enough that a naive layout would need conditional jumps past 255 instructions.</summary>
public class LongProfileTests
{
    /// <summary>Every name the x86_64 table knows below number 300 that i386 also has.</summary>
    private static readonly string[] Names = Enumerable.Range(0, 300)
        .Select(nr => CommonNames.FirstOrDefault(n => SyscallTable.X86_64(n) == nr))
        .OfType<string>()
        .ToArray();

    private static IEnumerable<string> CommonNames => new[]
    {
        "read", "write", "open", "close", "stat", "fstat", "lstat", "poll", "lseek", "mmap", "mprotect", "munmap", "brk",
        "rt_sigaction", "rt_sigprocmask", "ioctl", "pread64", "pwrite64", "readv", "writev", "access", "pipe", "select",
        "sched_yield", "mremap", "msync", "mincore", "madvise", "shmget", "shmat", "shmctl", "dup", "dup2", "pause",
        "nanosleep", "getitimer", "alarm", "setitimer", "getpid", "sendfile", "socket", "connect", "accept", "sendto",
        "recvfrom", "sendmsg", "recvmsg", "shutdown", "bind", "listen", "getsockname", "getpeername", "socketpair",
        "setsockopt", "getsockopt", "clone", "fork", "vfork", "execve", "exit", "wait4", "kill", "uname", "semget",
        "semop", "semctl", "shmdt", "msgget", "msgsnd", "msgrcv", "msgctl", "fcntl", "flock", "fsync", "fdatasync",
        "truncate", "ftruncate", "getdents", "getcwd", "chdir", "fchdir", "rename", "mkdir", "rmdir", "creat", "link",
        "unlink", "symlink", "readlink", "chmod", "fchmod", "chown", "fchown", "lchown", "umask", "gettimeofday",
        "getrlimit", "getrusage", "sysinfo", "times", "ptrace", "getuid", "syslog", "getgid", "setuid", "setgid",
        "geteuid", "getegid", "setpgid", "getppid", "getpgrp", "setsid", "setreuid", "setregid", "getgroups",
        "setgroups", "setresuid", "getresuid", "setresgid", "getresgid", "getpgid", "setfsuid", "setfsgid", "getsid",
        "capget", "capset", "rt_sigpending", "rt_sigtimedwait", "rt_sigqueueinfo", "rt_sigsuspend", "sigaltstack",
        "utime", "mknod", "personality", "ustat", "statfs", "fstatfs", "sysfs", "getpriority", "setpriority",
        "sched_setparam", "sched_getparam", "sched_setscheduler", "sched_getscheduler", "sched_get_priority_max",
        "sched_get_priority_min", "sched_rr_get_interval", "mlock", "munlock", "mlockall", "munlockall", "vhangup",
        "pivot_root", "prctl", "adjtimex", "setrlimit", "chroot", "sync", "acct", "settimeofday", "mount", "umount2",
        "swapon", "swapoff", "reboot", "sethostname", "setdomainname", "ioperm", "init_module", "delete_module",
        "quotactl", "gettid", "readahead", "setxattr", "lsetxattr", "fsetxattr", "getxattr", "lgetxattr", "fgetxattr",
        "listxattr", "llistxattr", "flistxattr", "removexattr", "lremovexattr", "fremovexattr", "tkill", "time",
        "futex", "sched_setaffinity", "sched_getaffinity", "io_setup", "io_destroy", "io_getevents", "io_submit",
        "io_cancel", "lookup_dcookie", "epoll_create", "remap_file_pages", "getdents64", "set_tid_address",
        "restart_syscall", "semtimedop", "fadvise64", "timer_create", "timer_settime", "timer_gettime",
        "timer_getoverrun", "timer_delete", "clock_settime", "clock_gettime", "clock_getres", "clock_nanosleep",
        "exit_group", "epoll_wait", "epoll_ctl", "tgkill", "utimes", "mbind", "set_mempolicy", "get_mempolicy",
        "mq_open", "mq_unlink", "mq_timedsend", "mq_timedreceive", "mq_notify", "mq_getsetattr", "kexec_load",
        "waitid", "add_key", "request_key", "keyctl", "ioprio_set", "ioprio_get", "inotify_init", "inotify_add_watch",
        "inotify_rm_watch", "migrate_pages", "openat", "mkdirat", "mknodat", "fchownat", "futimesat", "unlinkat",
        "renameat", "linkat", "symlinkat", "readlinkat", "fchmodat", "faccessat", "pselect6", "ppoll", "unshare",
        "set_robust_list", "get_robust_list", "splice", "tee", "sync_file_range", "vmsplice", "move_pages",
        "utimensat", "epoll_pwait", "signalfd", "timerfd_create", "eventfd", "fallocate", "timerfd_settime",
        "timerfd_gettime", "accept4", "signalfd4", "eventfd2", "epoll_create1", "dup3", "pipe2", "inotify_init1",
    }.Where(n => SyscallTable.I386(n) >= 0);

    private static LinuxSyscall ErrnoRule(string name, uint errno, params LinuxSeccompArg[] args)
    {
        var rule = Rule("SCMP_ACT_ERRNO", name, args);
        rule.ErrnoRet = errno;
        return rule;
    }

    [Fact]
    public void Compile_KeepsEveryRuleOfAProfileWithSixHundredArgumentRules()
    {
        // Two or three rules per syscall, alternating a 64-bit equality and a 16-bit masked equality on argument 0.
        var rules = Enumerable.Range(0, 600)
            .Select(i => ErrnoRule(Names[i % Names.Length], (uint)i + 1, i % 2 == 0
                ? Arg(0, "SCMP_CMP_EQ", (ulong)i)
                : Arg(0, "SCMP_CMP_MASKED_EQ", 0xFFFF, (ulong)i)))
            .ToArray();
        var profile = Profile("SCMP_ACT_ALLOW", rules);
        profile.Architectures = ["SCMP_ARCH_X86_64"]; // three ABIs of this would pass the kernel's 4096 limit
        var program = SeccompCompiler.Compile(profile).Instructions;
        BpfInterpreter.Verify(program);
        Assert.True(program.Length > 2000, $"{program.Length} instructions");

        for (int i = 0; i < 600; i++)
        {
            uint nr = (uint)SyscallTable.X86_64(Names[i % Names.Length]);
            Assert.Equal(Verdicts.Errno((uint)i + 1), BpfInterpreter.Run(program, Verdicts.ArchX86_64, nr, (ulong)i));
            Assert.Equal(Verdicts.Allow, BpfInterpreter.Run(program, Verdicts.ArchX86_64, nr, 100_000));
            ulong highBitSet = (1UL << 40) + (ulong)i;
            Assert.Equal(i % 2 == 0 ? Verdicts.Allow : Verdicts.Errno((uint)i + 1),
                BpfInterpreter.Run(program, Verdicts.ArchX86_64, nr, highBitSet));
            Assert.Equal(ProfileOracle.Verdict(profile, Verdicts.ArchX86_64, nr, highBitSet),
                BpfInterpreter.Run(program, Verdicts.ArchX86_64, nr, highBitSet));
        }
    }

    [Fact]
    public void Compile_KeepsArgumentRulesOfEveryAbiInOneProfile()
    {
        // x86_64, x32 and i386 sections together: the later sections sit thousands of instructions from the dispatch.
        var rules = Enumerable.Range(0, 150)
            .Select(i => ErrnoRule(Names[i % Names.Length], (uint)i + 1,
                Arg(0, "SCMP_CMP_EQ", (ulong)i), Arg(1, "SCMP_CMP_GE", 0x1_0000_0000UL * (ulong)(i % 3))))
            .ToArray();
        var program = SeccompCompiler.Compile(Profile("SCMP_ACT_ALLOW", rules)).Instructions;
        BpfInterpreter.Verify(program);
        Assert.True(program.Length > 2000, $"{program.Length} instructions");

        for (int i = 0; i < 150; i++)
        {
            string name = Names[i % Names.Length];
            ulong wideArg1 = 0x1_0000_0000UL * (ulong)(i % 3);
            uint nr = (uint)SyscallTable.X86_64(name);
            Assert.Equal(Verdicts.Errno((uint)i + 1), BpfInterpreter.Run(program, Verdicts.ArchX86_64, nr, (ulong)i, wideArg1));
            Assert.Equal(Verdicts.Errno((uint)i + 1),
                BpfInterpreter.Run(program, Verdicts.ArchX86_64, (uint)SyscallTable.X32(name), (ulong)i, 0));
            Assert.Equal(Verdicts.Errno((uint)i + 1),
                BpfInterpreter.Run(program, Verdicts.ArchI386, (uint)SyscallTable.I386(name), (ulong)i, 0));
            Assert.Equal(Verdicts.Allow, BpfInterpreter.Run(program, Verdicts.ArchX86_64, nr, 100_000, wideArg1));
            if (i % 3 != 0)
                Assert.Equal(Verdicts.Allow, BpfInterpreter.Run(program, Verdicts.ArchX86_64, nr, (ulong)i, wideArg1 - 1));
        }
    }

    [Fact]
    public void Compile_HandlesOneSyscallWhoseRulesSpanMoreThanAConditionalJump()
    {
        // 150 rules for futex alone: its block is far longer than 255 instructions, and blocks follow it.
        var rules = Enumerable.Range(0, 150)
            .Select(i => ErrnoRule("futex", (uint)i + 1, Arg(1, "SCMP_CMP_EQ", (ulong)i << 32 | 7)))
            .Append(ErrnoRule("getcwd", 999, Arg(0, "SCMP_CMP_NE", 0)))
            .Append(ErrnoRule("uname", 998))
            .ToArray();
        var program = SeccompCompiler.Compile(Profile("SCMP_ACT_ALLOW", rules)).Instructions;
        BpfInterpreter.Verify(program);

        for (int i = 0; i < 150; i++)
            Assert.Equal(Verdicts.Errno((uint)i + 1), BpfInterpreter.Run(program, Verdicts.ArchX86_64, 202, 0, (ulong)i << 32 | 7));
        Assert.Equal(Verdicts.Allow, BpfInterpreter.Run(program, Verdicts.ArchX86_64, 202, 0, 150UL << 32 | 7));
        Assert.Equal(Verdicts.Errno(999), BpfInterpreter.Run(program, Verdicts.ArchX86_64, 79, 1));
        Assert.Equal(Verdicts.Allow, BpfInterpreter.Run(program, Verdicts.ArchX86_64, 79, 0));
        Assert.Equal(Verdicts.Errno(998), BpfInterpreter.Run(program, Verdicts.ArchX86_64, 63));
        // i386 compares low halves only, so every futex rule there matches 7 and the first wins.
        Assert.Equal(Verdicts.Errno(1), BpfInterpreter.Run(program, Verdicts.ArchI386, 240, 0, 42UL << 32 | 7));
    }

    [Fact]
    public void Compile_HandlesMoreFixedVerdictSyscallsThanOneRunHolds()
    {
        var program = SeccompCompiler.Compile(Profile("SCMP_ACT_ERRNO", Rule("SCMP_ACT_ALLOW", Names))).Instructions;
        Assert.True(Names.Length > 255, $"only {Names.Length} names");
        foreach (var name in Names)
        {
            Assert.Equal(Verdicts.Allow, BpfInterpreter.Run(program, Verdicts.ArchX86_64, (uint)SyscallTable.X86_64(name)));
            Assert.Equal(Verdicts.Allow, BpfInterpreter.Run(program, Verdicts.ArchX86_64, (uint)SyscallTable.X32(name)));
            Assert.Equal(Verdicts.Allow, BpfInterpreter.Run(program, Verdicts.ArchI386, (uint)SyscallTable.I386(name)));
        }
        Assert.Equal(Verdicts.Errno(Verdicts.EPERM), BpfInterpreter.Run(program, Verdicts.ArchX86_64, 440));
    }

    [Fact]
    public void Compile_RejectsAProfileLongerThanTheKernelAccepts()
    {
        var rules = Enumerable.Range(0, 1200)
            .Select(i => ErrnoRule(Names[i % Names.Length], 5, Arg(0, "SCMP_CMP_LT", (ulong)i), Arg(2, "SCMP_CMP_NE", 3)))
            .ToArray();
        var error = Assert.Throws<RuntimeException>(() => SeccompCompiler.Compile(Profile("SCMP_ACT_ALLOW", rules)));
        Assert.Contains("4096", error.Message);
    }

    [Fact]
    public void Compile_RejectsARuleWhoseConditionsOutgrowAConditionalJump()
    {
        var args = Enumerable.Range(0, 80).Select(i => Arg((uint)(i % 6), "SCMP_CMP_EQ", (ulong)i)).ToArray();
        var error = Assert.Throws<RuntimeException>(() =>
            SeccompCompiler.Compile(Profile("SCMP_ACT_ALLOW", ErrnoRule("getcwd", 1, args))));
        Assert.Contains("seccomp", error.Message);
    }
}
