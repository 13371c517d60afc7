using System.Text;
using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Processes;
using static Berth.Runtime.Interop.Libc;

namespace Berth.Runtime.Hooks;

/// <summary>Runs OCI hooks: each gets the container state on stdin, must exit 0, and is killed at its timeout.</summary>
internal static class HookRunner
{
    /// <summary>Runs the hooks of one lifecycle point in order; the first failure throws naming the point.</summary>
    internal static void RunAll(IReadOnlyList<Hook>? hooks, string point, string stateJson)
    {
        if (hooks == null) return;
        foreach (var hook in hooks) Run(hook, point, stateJson);
    }

    private static unsafe void Run(Hook hook, string point, string stateJson)
    {
        var stdin = Pipe();
        var output = Pipe();
        int pid;
        try
        {
            var argv = hook.Args is { Count: > 0 } ? hook.Args : [hook.Path];
            pid = Spawn.Start(hook.Path, argv, hook.Env ?? [],
                [(0, stdin.Read), (1, output.Write), (2, output.Write)]);
        }
        catch (RuntimeException e)
        {
            close(stdin.Read); close(stdin.Write); close(output.Read); close(output.Write);
            throw new RuntimeException($"{point} hook {hook.Path}: {e.Message}");
        }
        close(stdin.Read);
        close(output.Write);
        try { WriteAll(stdin.Write, Encoding.UTF8.GetBytes(stateJson), "hook stdin"); }
        catch (RuntimeException) { /* a hook may ignore its stdin and exit early */ }
        close(stdin.Write);

        // Poll the output and the child together: a hook that leaves a background child holding the pipe
        // must not keep the runtime waiting once the hook itself has exited.
        var captured = new StringBuilder();
        var deadline = hook.Timeout is > 0 ? Environment.TickCount64 + hook.Timeout.Value * 1000L : long.MaxValue;
        var buffer = new byte[4096];
        var pfd = new PollFd { Fd = output.Read, Events = POLLIN };
        var open = true;
        int status;
        while (true)
        {
            if (open && poll(&pfd, 1, 20) > 0)
            {
                var n = ReadSome(output.Read, buffer, "hook output");
                if (n == 0) open = false;
                else if (captured.Length < 4096) captured.Append(Encoding.UTF8.GetString(buffer, 0, n));
            }
            else if (!open) Thread.Sleep(5);
            if (waitpid(pid, &status, WNOHANG) == pid) break;
            if (Environment.TickCount64 > deadline)
            {
                kill(pid, 9);
                WaitFor(pid);
                close(output.Read);
                throw new RuntimeException($"{point} hook {hook.Path} did not finish within {hook.Timeout}s");
            }
        }
        close(output.Read);
        var code = ExitCodeOf(status);
        if (code != 0)
        {
            var detail = captured.ToString().Trim().ReplaceLineEndings(" ");
            throw new RuntimeException($"{point} hook {hook.Path} exited with status {code}" +
                (detail.Length > 0 ? $": {detail}" : ""));
        }
    }

    private static unsafe (int Read, int Write) Pipe()
    {
        int* fds = stackalloc int[2];
        Check(pipe2(fds, O_CLOEXEC), "pipe");
        return (fds[0], fds[1]);
    }
}
