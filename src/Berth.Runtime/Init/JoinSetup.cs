using static Berth.Runtime.Interop.Libc;

namespace Berth.Runtime.Init;

/// <summary>The init's set-up of a process joining a running container: the runtime already placed it in the
/// container's other namespaces and cgroup; the mount namespace it enters itself.</summary>
internal static class JoinSetup
{
    /// <summary>Enters the container's mount namespace (and so its root) and prepares the process.</summary>
    internal static ProcessLaunch Run(InitRequest request)
    {
        var path = $"/proc/{request.ContainerPid}/ns/mnt";
        var fd = Check(open(path, O_RDONLY | O_CLOEXEC, 0), $"open {path}");
        // setns of a mount namespace wants a private fs context, which a thread of a process lacks by default.
        Check(unshare(CLONE_FS), "unshare fs");
        Check(setns(fd, CLONE_NEWNS), "join mount namespace");
        close(fd);
        Check(chdir("/"), "chdir /");
        var process = request.Spec.Process!;
        if (process.Terminal) ContainerSetup.AttachTerminal(request, process, bindConsole: false);
        return ProcessLaunch.Prepare(process, request.Spec.Linux ?? new Oci.RuntimeSpec.Linux(), request.Seccomp, request.PreserveFds);
    }
}
