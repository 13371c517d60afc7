using System.Runtime.InteropServices;
using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Privileges;
using Berth.Runtime.Seccomp;
using Berth.Runtime.Processes;
using static Berth.Runtime.Interop.Libc;

namespace Berth.Runtime.Init;

/// <summary>The user's program, resolved and with its privileges and seccomp filter compiled, ready to replace
/// the init. Everything that can fail for a bad spec fails in Prepare, while the runtime still listens.</summary>
internal sealed unsafe class ProcessLaunch
{
    private readonly string _path;
    private readonly List<string> _argv;
    private readonly List<string> _env;
    private readonly string _cwd;
    private readonly PreparedPrivileges _privileges;
    private readonly SeccompProgram? _seccomp;
    private readonly int _preserveFds;

    private ProcessLaunch(string path, List<string> argv, List<string> env, string cwd, PreparedPrivileges privileges,
        SeccompProgram? seccomp, int preserveFds)
    {
        _path = path; _argv = argv; _env = env; _cwd = cwd; _privileges = privileges; _seccomp = seccomp;
        _preserveFds = preserveFds;
    }

    /// <summary>Resolves the executable in the (already switched) root and compiles privileges; the seccomp filter
    /// comes compiled by the runtime.</summary>
    internal static ProcessLaunch Prepare(Process process, Linux linux, CompiledSeccomp? compiled, int preserveFds)
    {
        var env = process.Env?.ToList() ?? [];
        if (!env.Any(e => e.StartsWith("HOME="))) env.Add("HOME=" + HomeOf(process.User.Uid));
        var path = ExecutablePath.Resolve(process.Args![0], env);
        var privileges = ProcessPrivileges.Prepare(process, linux.Personality);
        foreach (var warning in privileges.Warnings) RuntimeLog.Warn(warning);
        PhaseTimer.Mark("init: prepare privileges");
        var seccomp = compiled?.ToProgram();
        return new ProcessLaunch(path, process.Args, env, process.Cwd, privileges, seccomp, preserveFds);
    }

    /// <summary>Applies limits, identity, capabilities and seccomp in the order the kernel allows, then execve.
    /// Returns only by throwing.</summary>
    internal void Execute()
    {
        var owned = new List<nint>();
        var cPath = Spawn.Utf8(_path, owned);
        var cArgv = Spawn.NullTerminated(_argv, owned);
        var cEnv = Spawn.NullTerminated(_env, owned);

        Check(chdir(_cwd), $"chdir to cwd (\"{_cwd}\") set in config.json");
        _privileges.ApplyProcessAttributes();
        // Descriptors the caller did not ask to pass on (the sync socket, anything inherited) end at execve.
        close_range((uint)(3 + _preserveFds), uint.MaxValue, (int)CLOSE_RANGE_CLOEXEC);
        if (_seccomp != null && !_privileges.NoNewPrivileges) SeccompLoader.Load(_seccomp);
        _privileges.ApplyUserAndCapabilities();
        if (_seccomp != null && _privileges.NoNewPrivileges) SeccompLoader.Load(_seccomp);

        // .NET ignores SIGPIPE, and an ignored signal survives execve; the program must get the default.
        signal(13, 0);
        var empty = stackalloc byte[SigSetBytes];
        sigemptyset(empty);
        pthread_sigmask(SIG_SETMASK, empty, null);
        PhaseTimer.Mark("init: privileges");
        execve(cPath, cArgv, cEnv);
        var errno = Marshal.GetLastPInvokeError();
        throw Error($"exec {_argv[0]}", errno);
    }

    private static string HomeOf(uint uid)
    {
        try
        {
            foreach (var line in File.ReadLines("/etc/passwd"))
            {
                var fields = line.Split(':');
                if (fields.Length >= 6 && uint.TryParse(fields[2], out var id) && id == uid) return fields[5];
            }
        }
        catch (IOException) { /* no passwd file in the image */ }
        return "/";
    }
}
