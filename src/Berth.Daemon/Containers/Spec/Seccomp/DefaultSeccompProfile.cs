namespace Berth.Daemon.Containers.Spec.Seccomp;

/// <summary>
/// Berth's default profile: deny with EPERM, allow what ordinary programs call. Like Docker's default it keeps out
/// the kernel keyring (add_key, keyctl, request_key), kexec, module loading, swap, reboot, accounting, the clock, new
/// namespaces and mounts, bpf and perf, file handles (open_by_handle_at), io_uring, userfaultfd and the obsolete
/// syscalls, unless the container holds the capability that makes each legitimate.
/// </summary>
public static class DefaultSeccompProfile
{
    /// <summary>ENOSYS for clone3: its namespace flags live in memory seccomp cannot read, and glibc falls back to clone on ENOSYS.</summary>
    private const uint Enosys = 38;

    /// <summary>CLONE_NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET: clone is allowed only with none of them set.</summary>
    private const ulong NamespaceFlags = 0x7E02_0000;

    /// <summary>Syscalls every container may make: file, memory, process, signal, time-reading, IPC and socket calls
    /// in their 64-bit, 32-bit and time64 spellings (a name an ABI lacks is skipped when compiled).</summary>
    private static readonly string[] Allowed =
    [
        "accept", "accept4", "access", "adjtimex", "alarm", "bind", "brk", "cachestat", "capget", "capset", "chdir",
        "chmod", "chown", "chown32", "clock_adjtime", "clock_adjtime64", "clock_getres", "clock_getres_time64",
        "clock_gettime", "clock_gettime64", "clock_nanosleep", "clock_nanosleep_time64", "close", "close_range",
        "connect", "copy_file_range", "creat", "dup", "dup2", "dup3", "epoll_create", "epoll_create1", "epoll_ctl",
        "epoll_ctl_old", "epoll_pwait", "epoll_pwait2", "epoll_wait", "epoll_wait_old", "eventfd", "eventfd2", "execve",
        "execveat", "exit", "exit_group", "faccessat", "faccessat2", "fadvise64", "fadvise64_64", "fallocate",
        "fanotify_mark", "fchdir", "fchmod", "fchmodat", "fchmodat2", "fchown", "fchown32", "fchownat", "fcntl",
        "fcntl64", "fdatasync", "fgetxattr", "flistxattr", "flock", "fork", "fremovexattr", "fsetxattr", "fstat",
        "fstat64", "fstatat64", "fstatfs", "fstatfs64", "fsync", "ftruncate", "ftruncate64", "futex", "futex_requeue",
        "futex_time64", "futex_wait", "futex_waitv", "futex_wake", "futimesat", "get_robust_list", "get_thread_area",
        "getcpu", "getcwd", "getdents", "getdents64", "getegid", "getegid32", "geteuid", "geteuid32", "getgid",
        "getgid32", "getgroups", "getgroups32", "getitimer", "getpeername", "getpgid", "getpgrp", "getpid", "getppid",
        "getpriority", "getrandom", "getresgid", "getresgid32", "getresuid", "getresuid32", "getrlimit", "getrusage",
        "getsid", "getsockname", "getsockopt", "gettid", "gettimeofday", "getuid", "getuid32", "getxattr",
        "inotify_add_watch", "inotify_init", "inotify_init1", "inotify_rm_watch", "io_cancel", "io_destroy",
        "io_getevents", "io_pgetevents", "io_pgetevents_time64", "io_setup", "io_submit", "ioctl", "ioprio_get",
        "ioprio_set", "ipc", "kill", "landlock_add_rule", "landlock_create_ruleset", "landlock_restrict_self", "lchown",
        "lchown32", "lgetxattr", "link", "linkat", "listen", "listxattr", "llistxattr", "_llseek", "lremovexattr",
        "lseek", "lsetxattr", "lstat", "lstat64", "madvise", "map_shadow_stack", "membarrier", "memfd_create",
        "memfd_secret", "mincore", "mkdir", "mkdirat", "mknod", "mknodat", "mlock", "mlock2", "mlockall", "mmap",
        "mmap2", "mprotect", "mq_getsetattr", "mq_notify", "mq_open", "mq_timedreceive", "mq_timedreceive_time64",
        "mq_timedsend", "mq_timedsend_time64", "mq_unlink", "mremap", "msgctl", "msgget", "msgrcv", "msgsnd", "msync",
        "munlock", "munlockall", "munmap", "nanosleep", "newfstatat", "_newselect", "open",
        "openat", "openat2", "pause", "pidfd_open", "pidfd_send_signal", "pipe", "pipe2", "pkey_alloc", "pkey_free",
        "pkey_mprotect", "poll", "ppoll", "ppoll_time64", "prctl", "pread64", "preadv", "preadv2", "prlimit64",
        "process_mrelease", "pselect6", "pselect6_time64", "pwrite64", "pwritev", "pwritev2", "read", "readahead",
        "readlink", "readlinkat", "readv", "recv", "recvfrom", "recvmmsg", "recvmmsg_time64", "recvmsg",
        "remap_file_pages", "removexattr", "rename", "renameat", "renameat2", "restart_syscall", "rmdir", "rseq",
        "rt_sigaction", "rt_sigpending", "rt_sigprocmask", "rt_sigqueueinfo", "rt_sigreturn", "rt_sigsuspend",
        "rt_sigtimedwait", "rt_sigtimedwait_time64", "rt_tgsigqueueinfo", "sched_get_priority_max",
        "sched_get_priority_min", "sched_getaffinity", "sched_getattr", "sched_getparam", "sched_getscheduler",
        "sched_rr_get_interval", "sched_rr_get_interval_time64", "sched_setaffinity", "sched_setattr",
        "sched_setparam", "sched_setscheduler", "sched_yield", "seccomp", "select", "semctl", "semget", "semop",
        "semtimedop", "semtimedop_time64", "send", "sendfile", "sendfile64", "sendmmsg", "sendmsg", "sendto",
        "set_robust_list", "set_thread_area", "set_tid_address", "setfsgid", "setfsgid32", "setfsuid", "setfsuid32",
        "setgid", "setgid32", "setgroups", "setgroups32", "setitimer", "setpgid", "setpriority", "setregid",
        "setregid32", "setresgid", "setresgid32", "setresuid", "setresuid32", "setreuid", "setreuid32", "setrlimit",
        "setsid", "setsockopt", "setuid", "setuid32", "setxattr", "shmat", "shmctl", "shmdt", "shmget", "shutdown",
        "sigaltstack", "signalfd", "signalfd4", "sigprocmask", "sigreturn", "socket", "socketcall", "socketpair",
        "splice", "stat", "stat64", "statfs", "statfs64", "statx", "symlink", "symlinkat", "sync", "sync_file_range",
        "syncfs", "sysinfo", "tee", "tgkill", "time", "timer_create", "timer_delete", "timer_getoverrun",
        "timer_gettime", "timer_gettime64", "timer_settime", "timer_settime64", "timerfd_create", "timerfd_gettime",
        "timerfd_gettime64", "timerfd_settime", "timerfd_settime64", "times", "tkill", "truncate", "truncate64",
        "ugetrlimit", "umask", "uname", "unlink", "unlinkat", "utime", "utimensat", "utimensat_time64", "utimes",
        "vfork", "vmsplice", "wait4", "waitid", "waitpid", "write", "writev",
    ];

    /// <summary>Syscalls a capability makes legitimate: the kernel checks the capability too, the filter only keeps the
    /// attack surface away from containers that could never pass that check.</summary>
    private static readonly (string Capability, string[] Names)[] ByCapability =
    [
        ("CAP_DAC_READ_SEARCH", ["open_by_handle_at"]),
        ("CAP_SYS_ADMIN", ["bpf", "clone", "clone3", "fanotify_init", "fsconfig", "fsmount", "fsopen", "fspick",
            "lookup_dcookie", "mount", "mount_setattr", "move_mount", "name_to_handle_at", "open_tree", "perf_event_open", "quotactl",
            "quotactl_fd", "setdomainname", "sethostname", "setns", "syslog", "umount", "umount2", "unshare"]),
        ("CAP_SYS_BOOT", ["reboot"]),
        ("CAP_SYS_CHROOT", ["chroot"]),
        ("CAP_SYS_MODULE", ["delete_module", "init_module", "finit_module"]),
        ("CAP_SYS_PACCT", ["acct"]),
        ("CAP_SYS_PTRACE", ["kcmp", "pidfd_getfd", "process_madvise", "process_vm_readv", "process_vm_writev", "ptrace"]),
        ("CAP_SYS_RAWIO", ["iopl", "ioperm"]),
        ("CAP_SYS_TIME", ["settimeofday", "stime", "clock_settime", "clock_settime64"]),
        ("CAP_SYS_TTY_CONFIG", ["vhangup"]),
        ("CAP_SYS_NICE", ["get_mempolicy", "mbind", "set_mempolicy", "set_mempolicy_home_node"]),
        ("CAP_SYSLOG", ["syslog"]),
        ("CAP_BPF", ["bpf"]),
        ("CAP_PERFMON", ["perf_event_open"]),
    ];

    /// <summary>The profile as a Docker-format document, resolved per container by <see cref="SeccompProfileResolver"/>.</summary>
    public static SeccompProfileDocument Document { get; } = Build();

    private static SeccompProfileDocument Build()
    {
        var rules = new List<SeccompRuleEntry> { Allow(Allowed) };
        // Before 4.8 a ptraced process could use ptrace to skip the filter altogether (seccomp ran before the tracer).
        rules.Add(Allow(["ptrace"], includes: new SeccompCondition { MinKernel = "4.8" }));
        // personality: only the execution domains programs actually ask for (Linux, and 32-bit and no-ASLR variants)
        // and the query value 0xffffffff; others change the address-space layout rules.
        foreach (ulong persona in new ulong[] { 0x0, 0x8, 0x20000, 0x20008, 0xFFFF_FFFF })
            rules.Add(Allow(["personality"], args: [new SeccompArgEntry { Index = 0, Value = persona, Op = "SCMP_CMP_EQ" }]));
        rules.Add(Allow(["arch_prctl"], includes: new SeccompCondition { Arches = ["amd64", "x32"] }));
        rules.Add(Allow(["modify_ldt"], includes: new SeccompCondition { Arches = ["amd64", "x32", "x86"] }));
        rules.Add(Allow(["arm_fadvise64_64", "arm_sync_file_range", "sync_file_range2", "breakpoint", "cacheflush", "set_tls"],
            includes: new SeccompCondition { Arches = ["arm", "arm64"] }));
        rules.Add(Allow(["sync_file_range2", "swapcontext"], includes: new SeccompCondition { Arches = ["ppc64le"] }));
        rules.Add(Allow(["riscv_flush_icache"], includes: new SeccompCondition { Arches = ["riscv64"] }));
        rules.Add(Allow(["s390_pci_mmio_read", "s390_pci_mmio_write", "s390_runtime_instr"], includes: new SeccompCondition { Arches = ["s390", "s390x"] }));
        foreach (var (cap, names) in ByCapability)
            rules.Add(Allow(names, includes: new SeccompCondition { Caps = [cap] }));
        // Without CAP_SYS_ADMIN: plain clone (threads, fork) yes, new namespaces no. s390 swaps clone's first two arguments.
        rules.Add(Allow(["clone"], args: [new SeccompArgEntry { Index = 0, Value = NamespaceFlags, ValueTwo = 0, Op = "SCMP_CMP_MASKED_EQ" }],
            excludes: new SeccompCondition { Caps = ["CAP_SYS_ADMIN"], Arches = ["s390", "s390x"] }));
        rules.Add(Allow(["clone"], args: [new SeccompArgEntry { Index = 1, Value = NamespaceFlags, ValueTwo = 0, Op = "SCMP_CMP_MASKED_EQ" }],
            includes: new SeccompCondition { Arches = ["s390", "s390x"] }, excludes: new SeccompCondition { Caps = ["CAP_SYS_ADMIN"] }));
        rules.Add(new SeccompRuleEntry
        {
            Names = ["clone3"], Action = "SCMP_ACT_ERRNO", ErrnoRet = Enosys,
            Excludes = new SeccompCondition { Caps = ["CAP_SYS_ADMIN"] },
        });
        return new SeccompProfileDocument
        {
            // No errno given: the runtime returns EPERM, so programs see "operation not permitted" (dockerd 20.10 writes none either).
            DefaultAction = "SCMP_ACT_ERRNO",
            ArchMap =
            [
                new() { Architecture = "SCMP_ARCH_X86_64", SubArchitectures = ["SCMP_ARCH_X86", "SCMP_ARCH_X32"] },
                new() { Architecture = "SCMP_ARCH_AARCH64", SubArchitectures = ["SCMP_ARCH_ARM"] },
                new() { Architecture = "SCMP_ARCH_MIPS64", SubArchitectures = ["SCMP_ARCH_MIPS", "SCMP_ARCH_MIPS64N32"] },
                new() { Architecture = "SCMP_ARCH_MIPSEL64", SubArchitectures = ["SCMP_ARCH_MIPSEL", "SCMP_ARCH_MIPSEL64N32"] },
                new() { Architecture = "SCMP_ARCH_S390X", SubArchitectures = ["SCMP_ARCH_S390"] },
                new() { Architecture = "SCMP_ARCH_RISCV64", SubArchitectures = [] },
            ],
            Syscalls = rules,
        };
    }

    private static SeccompRuleEntry Allow(string[] names, SeccompArgEntry[]? args = null, SeccompCondition? includes = null, SeccompCondition? excludes = null)
        => new() { Names = [.. names], Action = "SCMP_ACT_ALLOW", Args = args?.ToList<SeccompArgEntry?>(), Includes = includes, Excludes = excludes };
}
