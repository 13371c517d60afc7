using System.Text.Json;
using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Bundle;
using Berth.Runtime.Init;
using Berth.Runtime.Processes;
using Berth.Runtime.Seccomp;
using Berth.Runtime.Terminal;
using static Berth.Runtime.Interop.Libc;

namespace Berth.Runtime.Lifecycle;

/// <summary>`exec`: starts another process inside a running container's namespaces and cgroup.</summary>
internal static class Exec
{
    /// <summary>Starts the process; returns its exit code, or 0 once it runs when detached.</summary>
    internal static int Run(Container container, ExecOptions options)
    {
        SpecValidator.ValidateProcess(options.Process, forExec: true);
        var status = container.Status;
        if (status != ContainerStatus.Running)
            throw new RuntimeException(status == ContainerStatus.Paused ? "cannot exec in a paused container" : "cannot exec in a stopped container");
        var spec = container.Record.Spec;
        var execSpec = new Spec
        {
            Process = options.Process, Root = spec.Root, Hostname = spec.Hostname, Linux = new Linux { Namespaces = spec.Linux?.Namespaces },
        };
        var seccomp = CompiledSeccomp.Of(spec.Linux?.Seccomp);
        var consoleFd = options.ConsoleSocket is { } socketPath ? DescriptorPassing.Connect(socketPath) : -1;
        var (channel, childEnd) = SyncChannel.CreatePair();
        int pid;
        using (channel)
        {
            try { pid = SpawnJoined(container, childEnd); }
            finally
            {
                close(childEnd);
                if (consoleFd >= 0) SetInheritable(consoleFd, false);
            }
            try
            {
                container.Cgroup.AddProcess(pid);
                var request = new InitRequest
                {
                    Mode = InitModes.Exec, Id = container.Record.Id, Spec = execSpec, Seccomp = seccomp, ConsoleSocketFd = consoleFd,
                    PreserveFds = options.PreserveFds, ContainerPid = container.Record.InitPid,
                    StateJson = container.StateJson(ContainerStatus.Running),
                };
                channel.Send(SyncMessage.Request, JsonSerializer.Serialize(request, RuntimeJsonContext.Default.InitRequest));
                channel.Send(SyncMessage.Proceed);
                // The init's end of the socket closes on a successful execve; anything else is its error.
                var reply = channel.Receive();
                if (reply is { Kind: SyncMessage.Error } error) throw new RuntimeException(error.Payload);
            }
            catch
            {
                kill(pid, 9);
                WaitFor(pid);
                throw;
            }
            finally
            {
                if (consoleFd >= 0) close(consoleFd);
            }
        }
        if (options.PidFile is { } pidFile) PidFile.Write(pidFile, pid);
        if (options.Detach) return 0;
        using var forwarding = SignalForwarding.To(pid);
        return ExitCodeOf(WaitFor(pid));
    }

    /// <summary>Spawns the init in every namespace of the container but the mount namespace, which the init joins
    /// itself: this process must still resolve the init binary on the host.</summary>
    private static int SpawnJoined(Container container, int syncFd)
    {
        var initPid = container.Record.InitPid;
        var join = new List<(int Fd, int Type)>();
        try
        {
            foreach (var flag in new[] { CLONE_NEWIPC, CLONE_NEWUTS, CLONE_NEWNET, CLONE_NEWCGROUP, CLONE_NEWPID })
            {
                var path = $"/proc/{initPid}/ns/{NamespaceTypes.FileOf(flag)}";
                if (SameNamespace(path, $"/proc/self/ns/{NamespaceTypes.FileOf(flag)}")) continue;
                join.Add((Check(open(path, O_RDONLY | O_CLOEXEC, 0), $"open {path}"), flag));
            }
            var env = InitBinary.Environment(syncFd);
            var userPath = $"/proc/{initPid}/ns/user";
            if (SameNamespace(userPath, "/proc/self/ns/user"))
                return NamespaceThread.Run(join, 0, () => Spawn.Start(InitBinary.Path, ["berth-runtime", "init"], env));
            // The user namespace can only be entered by a single-threaded process: berth-userns, which enters it
            // first and then the others, PID last.
            join.Insert(0, (Check(open(userPath, O_RDONLY | O_CLOEXEC, 0), $"open {userPath}"), CLONE_NEWUSER));
            return UserNamespaceSpawn.Start(join, 0, null, env, InitBinary.FilePath, null);
        }
        finally
        {
            foreach (var (fd, _) in join) close(fd);
        }
    }

    private static bool SameNamespace(string a, string b)
    {
        try { return new FileInfo(a).LinkTarget == new FileInfo(b).LinkTarget; }
        catch (IOException) { return false; }
    }
}
