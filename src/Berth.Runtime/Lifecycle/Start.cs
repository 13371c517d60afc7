using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Hooks;
using static Berth.Runtime.Interop.Libc;

namespace Berth.Runtime.Lifecycle;

/// <summary>`start`: releases a created container's init, which then runs the user's program.</summary>
internal static class Start
{
    /// <summary>Opens the exec fifo, which lets the blocked init go on, and runs the poststart hooks.</summary>
    internal static unsafe void Run(Container container)
    {
        var status = container.Status;
        if (status != ContainerStatus.Created)
            throw new RuntimeException(status == ContainerStatus.Stopped
                ? "cannot start a container that has stopped"
                : $"cannot start an already {status} container");
        var fd = Check(open(container.FifoPath, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0), "open exec fifo");
        try
        {
            var pfd = new PollFd { Fd = fd, Events = POLLIN };
            while (true)
            {
                var ready = poll(&pfd, 1, 100);
                if (ready > 0 && (pfd.Revents & POLLIN) != 0) break;
                if (!container.InitAlive) throw new RuntimeException("container init exited before start");
            }
            Span<byte> one = stackalloc byte[1];
            ReadSome(fd, one, "read exec fifo");
        }
        finally { close(fd); }
        File.Delete(container.FifoPath);
        try
        {
            HookRunner.RunAll(container.Record.Spec.Hooks?.Poststart, "poststart", container.StateJson(ContainerStatus.Running));
        }
        catch (RuntimeException e)
        {
            // The spec: a failing poststart hook is logged and the container keeps running.
            RuntimeLog.Warn(e.Message);
        }
    }
}
