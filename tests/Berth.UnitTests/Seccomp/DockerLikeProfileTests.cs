using System.Text;
using System.Text.Json;
using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Seccomp;
using Berth.Runtime.Seccomp.Syscalls;

namespace Berth.UnitTests.Seccomp;

/// <summary>
/// A profile with the shape of Docker's default one (deny by default with EPERM, a few hundred allowed names for
/// three x86 ABIs, personality values, a clone namespace-flag mask, a socket family exclusion, clone3 → ENOSYS),
/// written as OCI JSON from the list below and read through the runtime-spec JSON context.
/// </summary>
public class DockerLikeProfileTests
{
    /// <summary>Names allowed unconditionally: x86_64's syscalls minus the dangerous ones, plus i386-only ones and a few
    /// these headers do not know (skipped like any unknown name).</summary>
    private static readonly string[] AllowedNames =
    [
        "accept", "accept4", "access", "adjtimex", "alarm", "arch_prctl", "bind", "brk", "capget", "capset", "chdir",
        "chmod", "chown", "chroot", "clock_getres", "clock_gettime", "clock_nanosleep", "close", "close_range",
        "connect", "copy_file_range", "creat", "dup", "dup2", "dup3", "epoll_create", "epoll_create1", "epoll_ctl",
        "epoll_pwait", "epoll_pwait2", "epoll_wait", "eventfd", "eventfd2", "execve", "execveat", "exit", "exit_group",
        "faccessat", "faccessat2", "fadvise64", "fallocate", "fanotify_init", "fanotify_mark", "fchdir", "fchmod",
        "fchmodat", "fchown", "fchownat", "fcntl", "fdatasync", "fgetxattr", "flistxattr", "flock", "fork",
        "fremovexattr", "fsetxattr", "fstat", "fstatfs", "fsync", "ftruncate", "futex", "futex_waitv", "futimesat",
        "get_robust_list", "get_thread_area", "getcpu", "getcwd", "getdents", "getdents64", "getegid", "geteuid",
        "getgid", "getgroups", "getitimer", "getpeername", "getpgid", "getpgrp", "getpid", "getppid", "getpriority",
        "getrandom", "getresgid", "getresuid", "getrlimit", "getrusage", "getsid", "getsockname", "getsockopt",
        "gettid", "gettimeofday", "getuid", "getxattr", "inotify_add_watch", "inotify_init", "inotify_init1",
        "inotify_rm_watch", "io_cancel", "io_destroy", "io_getevents", "io_pgetevents", "io_setup", "io_submit",
        "io_uring_enter", "io_uring_register", "io_uring_setup", "ioctl", "ioprio_get", "ioprio_set", "kill",
        "landlock_add_rule", "landlock_create_ruleset", "landlock_restrict_self", "lchown", "lgetxattr", "link",
        "linkat", "listen", "listxattr", "llistxattr", "lremovexattr", "lseek", "lsetxattr", "lstat", "madvise",
        "membarrier", "memfd_create", "memfd_secret", "mincore", "mkdir", "mkdirat", "mknod", "mknodat", "mlock",
        "mlock2", "mlockall", "mmap", "modify_ldt", "mprotect", "mq_getsetattr", "mq_notify", "mq_open",
        "mq_timedreceive", "mq_timedsend", "mq_unlink", "mremap", "msgctl", "msgget", "msgrcv", "msgsnd", "msync",
        "munlock", "munlockall", "munmap", "nanosleep", "newfstatat", "open", "openat", "openat2", "pause",
        "pidfd_getfd", "pidfd_open", "pidfd_send_signal", "pipe", "pipe2", "pkey_alloc", "pkey_free", "pkey_mprotect",
        "poll", "ppoll", "prctl", "pread64", "preadv", "preadv2", "prlimit64", "process_madvise", "process_mrelease",
        "pselect6", "pwrite64", "pwritev", "pwritev2", "read", "readahead", "readlink", "readlinkat", "readv",
        "recvfrom", "recvmmsg", "recvmsg", "remap_file_pages", "removexattr", "rename", "renameat", "renameat2",
        "restart_syscall", "rmdir", "rseq", "rt_sigaction", "rt_sigpending", "rt_sigprocmask", "rt_sigqueueinfo",
        "rt_sigreturn", "rt_sigsuspend", "rt_sigtimedwait", "rt_tgsigqueueinfo", "sched_get_priority_max",
        "sched_get_priority_min", "sched_getaffinity", "sched_getattr", "sched_getparam", "sched_getscheduler",
        "sched_rr_get_interval", "sched_setaffinity", "sched_setattr", "sched_setparam", "sched_setscheduler",
        "sched_yield", "seccomp", "select", "semctl", "semget", "semop", "semtimedop", "sendfile", "sendmmsg",
        "sendmsg", "sendto", "set_robust_list", "set_thread_area", "set_tid_address", "setdomainname", "setfsgid",
        "setfsuid", "setgid", "setgroups", "sethostname", "setitimer", "setpgid", "setpriority", "setregid",
        "setresgid", "setresuid", "setreuid", "setrlimit", "setsid", "setsockopt", "setuid", "setxattr", "shmat",
        "shmctl", "shmdt", "shmget", "shutdown", "sigaltstack", "signalfd", "signalfd4", "socketcall", "_llseek",
        "_newselect", "ipc", "mmap2", "fstat64", "stat64", "lstat64", "fcntl64", "sigreturn", "waitpid", "ugetrlimit",
        "chown32", "getuid32", "arm_fadvise64_64", "cachestat", "fchmodat2", "map_shadow_stack", "riscv_flush_icache",
        "socketpair", "splice", "stat", "statfs", "statx", "symlink", "symlinkat", "sync", "sync_file_range", "syncfs",
        "sysinfo", "tee", "tgkill", "time", "timer_create", "timer_delete", "timer_getoverrun", "timer_gettime",
        "timer_settime", "timerfd_create", "timerfd_gettime", "timerfd_settime", "times", "tkill", "truncate", "umask",
        "uname", "unlink", "unlinkat", "utime", "utimensat", "utimes", "vfork", "vhangup", "vmsplice", "wait4",
        "waitid", "write", "writev",
    ];

    private const ulong CloneNamespaceFlags = 0x7E02_0000; // CLONE_NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET
    private const ulong AfVsock = 40;

    private static string ProfileJson()
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("defaultAction", "SCMP_ACT_ERRNO");
            json.WriteNumber("defaultErrnoRet", 1);
            json.WriteStartArray("architectures");
            foreach (var arch in new[] { "SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32" }) json.WriteStringValue(arch);
            json.WriteEndArray();
            json.WriteStartArray("syscalls");
            WriteRule(json, AllowedNames, "SCMP_ACT_ALLOW");
            foreach (ulong persona in new ulong[] { 0, 8, 0x20000, 0x20008, 0xFFFF_FFFF })
                WriteRule(json, ["personality"], "SCMP_ACT_ALLOW", (0, persona, 0, "SCMP_CMP_EQ"));
            WriteRule(json, ["clone"], "SCMP_ACT_ALLOW", (0, CloneNamespaceFlags, 0, "SCMP_CMP_MASKED_EQ"));
            WriteRule(json, ["clone3"], "SCMP_ACT_ERRNO", errnoRet: 38);
            WriteRule(json, ["socket"], "SCMP_ACT_ALLOW", (0, AfVsock, 0, "SCMP_CMP_NE"));
            WriteRule(json, ["arm_fadvise64_64", "arm_sync_file_range", "breakpoint", "cacheflush", "set_tls"], "SCMP_ACT_ALLOW");
            WriteRule(json, ["s390_pci_mmio_read", "s390_pci_mmio_write", "s390_runtime_instr"], "SCMP_ACT_ALLOW");
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteRule(Utf8JsonWriter json, string[] names, string action,
        (uint Index, ulong Value, ulong ValueTwo, string Op)? arg = null, uint? errnoRet = null)
    {
        json.WriteStartObject();
        json.WriteStartArray("names");
        foreach (var name in names) json.WriteStringValue(name);
        json.WriteEndArray();
        json.WriteString("action", action);
        if (errnoRet is { } errno) json.WriteNumber("errnoRet", errno);
        json.WriteStartArray("args");
        if (arg is { } a)
        {
            json.WriteStartObject();
            json.WriteNumber("index", a.Index);
            json.WriteNumber("value", a.Value);
            json.WriteNumber("valueTwo", a.ValueTwo);
            json.WriteString("op", a.Op);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static readonly LinuxSeccomp Profile =
        JsonSerializer.Deserialize(ProfileJson(), OciJsonContext.Default.LinuxSeccomp)!;

    private static readonly SockFilter[] Program = SeccompCompiler.Compile(Profile).Instructions;

    private static uint X86_64(string name, params ulong[] args)
        => BpfInterpreter.Run(Program, Verdicts.ArchX86_64, (uint)SyscallTable.X86_64(name), args);

    private static uint I386(string name, params ulong[] args)
        => BpfInterpreter.Run(Program, Verdicts.ArchI386, (uint)SyscallTable.I386(name), args);

    private static uint X32(string name, params ulong[] args)
        => BpfInterpreter.Run(Program, Verdicts.ArchX86_64, (uint)SyscallTable.X32(name), args);

    private static readonly uint Eperm = Verdicts.Errno(Verdicts.EPERM);

    [Fact]
    public void Compile_FitsTheKernelLimitAndVerifies()
    {
        BpfInterpreter.Verify(Program);
        Assert.InRange(Program.Length, 500, 4096);
    }

    [Fact]
    public void Compile_AllowsEveryListedNameOnEveryAbiThatHasIt()
    {
        int checkedNames = 0;
        foreach (var name in AllowedNames)
        {
            if (SyscallTable.X86_64(name) >= 0) { Assert.Equal(Verdicts.Allow, X86_64(name)); checkedNames++; }
            if (SyscallTable.I386(name) >= 0) Assert.Equal(Verdicts.Allow, I386(name));
            if (SyscallTable.X32(name) >= 0) Assert.Equal(Verdicts.Allow, X32(name));
        }
        Assert.True(checkedNames > 250);
    }

    [Theory]
    [InlineData("mount")]
    [InlineData("umount2")]
    [InlineData("ptrace")]
    [InlineData("bpf")]
    [InlineData("kexec_load")]
    [InlineData("unshare")]
    [InlineData("setns")]
    [InlineData("reboot")]
    public void Compile_DeniesUnlistedSyscallsWithEperm(string name)
    {
        Assert.Equal(Eperm, X86_64(name));
        Assert.Equal(Eperm, I386(name));
        Assert.Equal(Eperm, X32(name));
    }

    [Fact]
    public void Compile_AllowsOnlyTheListedPersonalities()
    {
        foreach (ulong persona in new ulong[] { 0, 8, 0x20000, 0x20008, 0xFFFF_FFFF })
        {
            Assert.Equal(Verdicts.Allow, X86_64("personality", persona));
            Assert.Equal(Verdicts.Allow, I386("personality", persona));
        }
        Assert.Equal(Eperm, X86_64("personality", 1));
        Assert.Equal(Eperm, X86_64("personality", 0x0040_0000)); // READ_IMPLIES_EXEC
        Assert.Equal(Eperm, X86_64("personality", ulong.MaxValue)); // 64-bit: the high half differs
        Assert.Equal(Verdicts.Allow, I386("personality", ulong.MaxValue)); // 32-bit ABI: only the low half counts
    }

    [Fact]
    public void Compile_AllowsCloneOnlyWithoutNamespaceFlags()
    {
        const ulong threadFlags = 0x003D_0F00; // CLONE_VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|SETTLS|PARENT_SETTID|CHILD_CLEARTID
        Assert.Equal(Verdicts.Allow, X86_64("clone", threadFlags));
        Assert.Equal(Verdicts.Allow, X86_64("clone", 0x11)); // SIGCHLD: fork
        Assert.Equal(Verdicts.Allow, X86_64("clone", 0xFFFF_FFFF_0000_0011)); // the mask has no high bits
        foreach (ulong flag in new ulong[] { 0x20000, 0x0200_0000, 0x0400_0000, 0x0800_0000, 0x1000_0000, 0x2000_0000, 0x4000_0000 })
        {
            Assert.Equal(Eperm, X86_64("clone", threadFlags | flag));
            Assert.Equal(Eperm, I386("clone", flag));
            Assert.Equal(Eperm, X32("clone", flag));
        }
    }

    [Fact]
    public void Compile_ReturnsEnosysForClone3()
    {
        Assert.Equal(Verdicts.Errno(Verdicts.ENOSYS), X86_64("clone3"));
        Assert.Equal(Verdicts.Errno(Verdicts.ENOSYS), I386("clone3"));
    }

    [Fact]
    public void Compile_AllowsSocketsExceptVsock()
    {
        Assert.Equal(Verdicts.Allow, X86_64("socket", 2, 1, 0));
        Assert.Equal(Verdicts.Allow, X86_64("socket", 1, 1, 0));
        Assert.Equal(Eperm, X86_64("socket", AfVsock, 1, 0));
        Assert.Equal(Verdicts.Allow, X86_64("socket", (1UL << 32) | AfVsock)); // 64-bit NE sees the high half
        Assert.Equal(Eperm, I386("socket", AfVsock));
        Assert.Equal(Eperm, I386("socket", (1UL << 32) | AfVsock));
        Assert.Equal(Verdicts.Allow, I386("socketcall", 1)); // listed by name, not demultiplexed
    }

    [Fact]
    public void Compile_KillsForeignArchitectures()
    {
        Assert.Equal(Verdicts.KillThread, BpfInterpreter.Run(Program, Verdicts.ArchAarch64, 63));
    }

    [Fact]
    public void Compile_AgreesWithTheProfileOracleOnRandomSyscalls()
    {
        var random = new Random(20261123);
        ulong[] interesting = [0, 1, 8, 40, 0x20000, 0x20008, 0xFFFF_FFFF, 0x7E02_0000, ulong.MaxValue, 0x1_0000_0028];
        for (int i = 0; i < 20000; i++)
        {
            uint arch = random.Next(8) switch { 0 => Verdicts.ArchAarch64, < 4 => Verdicts.ArchI386, _ => Verdicts.ArchX86_64 };
            uint nr = (uint)random.Next(0, 600);
            if (arch == Verdicts.ArchX86_64 && random.Next(3) == 0) nr |= Verdicts.X32Bit;
            var args = new ulong[6];
            for (int a = 0; a < 6; a++)
                args[a] = random.Next(2) == 0 ? interesting[random.Next(interesting.Length)] : (ulong)random.NextInt64();
            Assert.Equal(ProfileOracle.Verdict(Profile, arch, nr, args), BpfInterpreter.Run(Program, arch, nr, args));
        }
    }
}
