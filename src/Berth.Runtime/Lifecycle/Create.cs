using System.Text.Json;
using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Bundle;
using Berth.Runtime.Cgroups;
using Berth.Runtime.Cgroups.Devices;
using Berth.Runtime.Hooks;
using Berth.Runtime.Init;
using Berth.Runtime.Processes;
using Berth.Runtime.Seccomp;
using Berth.Runtime.State;
using Berth.Runtime.Terminal;
using static Berth.Runtime.Interop.Libc;

namespace Berth.Runtime.Lifecycle;

/// <summary>`create`: sets up a container whose init waits, fully prepared, for `start`. On any failure every
/// trace (init process, cgroup, state directory) is removed again.</summary>
internal static class Create
{
    /// <summary>Creates the container and returns it; its init is this process's child until we exit.</summary>
    internal static Container Run(StateStore store, CreateOptions options)
    {
        var bundle = Path.GetFullPath(options.Bundle);
        var (spec, rootfs) = options.Loaded ?? BundleLoader.Load(bundle);
        PhaseTimer.Mark("load bundle");
        var stateDir = store.Reserve(options.Id);
        ICgroup? cgroup = null;
        var pid = 0;
        var record = new ContainerRecord
        {
            Id = options.Id, Bundle = bundle, Rootfs = rootfs, Created = DateTime.UtcNow, Spec = spec,
        };
        var container = new Container(store, record);
        try
        {
            var fifo = Path.Combine(stateDir, StateStore.FifoName);
            Check(mkfifo(fifo, 0x192 /* 0622 */), "mkfifo");
            // Group and others must be able to write: an init in a user namespace is not root on the host.
            Check(chmod(fifo, 0x192), "chmod fifo");
            var (channel, request) = SpawnWithDescriptors(spec, rootfs, fifo, options, out pid);
            using (channel)
            {
                record.InitPid = pid;
                record.InitStartTime = ProcessProbe.StartTime(pid) ?? 0;
                PhaseTimer.Mark("spawn init");
                // The init starts its runtime and reads the request while we prepare its cgroup; it goes on
                // only at Proceed, once it sits in that cgroup.
                request.StateJson = container.StateJson(ContainerStatus.Creating);
                channel.Send(SyncMessage.Request, JsonSerializer.Serialize(request, RuntimeJsonContext.Default.InitRequest));
                cgroup = Cgroup.Open(spec.Linux?.CgroupsPath, options.Id);
                cgroup.Create();
                record.CgroupPaths = new Dictionary<string, string>(cgroup.Paths);
                cgroup.Apply(ResourcesWithDefaultDevices(spec));
                PhaseTimer.Mark("cgroup");
                store.Save(record);
                cgroup.AddProcess(pid);
                channel.Send(SyncMessage.Proceed);
                PhaseTimer.Mark("request sent");
                channel.Expect(SyncMessage.RunCreateHooks);
                PhaseTimer.Mark("init mounts");
                var stateJson = container.StateJson(ContainerStatus.Creating);
                HookRunner.RunAll(spec.Hooks?.Prestart, "prestart", stateJson);
                HookRunner.RunAll(spec.Hooks?.CreateRuntime, "createRuntime", stateJson);
                channel.Send(SyncMessage.CreateHooksDone);
                channel.Expect(SyncMessage.Ready);
                PhaseTimer.Mark("init ready");
            }
            if (options.PidFile is { } pidFile) PidFile.Write(pidFile, pid);
            return container;
        }
        catch
        {
            if (pid > 0)
            {
                kill(pid, 9);
                ChildExits.Wait(pid);
            }
            try { cgroup?.Destroy(); } catch (RuntimeException) { /* the original error matters more */ }
            store.Remove(options.Id);
            throw;
        }
    }

    /// <summary>Opens the descriptors the init inherits (exec fifo, sync channel, console socket) and spawns it; they
    /// are inheritable only inside the spawn gate, so that no other spawn of this process (berth-monitor's) takes them.
    /// A standby init that fits gets them over its socket instead.</summary>
    private static (SyncChannel Channel, InitRequest Request) SpawnWithDescriptors(Spec spec, string rootfs, string fifo,
        CreateOptions options, out int pid)
    {
        var (initSpec, seccomp) = CompiledSeccomp.Split(spec);
        InitRequest Request(int fifoFd, int consoleFd) => new()
        {
            Mode = InitModes.Create, Id = options.Id, Spec = initSpec, Seccomp = seccomp, Rootfs = rootfs, FifoFd = fifoFd,
            ConsoleSocketFd = consoleFd, PreserveFds = options.PreserveFds, NoPivot = options.NoPivot,
            NoNewKeyring = options.NoNewKeyring, NewCgroupNamespace = NamespaceTypes.IsNew(spec, "cgroup"),
        };
        if (TakeStandby(spec, rootfs, options, out var attachRootfs) is { } standby)
        {
            pid = standby.Pid;
            return (HandOver(standby.Channel, fifo, rootfs, attachRootfs, options), Request(-1, -1));
        }
        lock (Spawn.InheritanceGate)
        {
            var fifoFd = Check(open(fifo, O_PATH, 0), "open fifo");
            var consoleFd = -1;
            SyncChannel? channel = null;
            var childEnd = -1;
            try
            {
                consoleFd = OpenConsoleSocket(options);
                (channel, childEnd) = SyncChannel.CreatePair();
                var request = Request(fifoFd, consoleFd);
                pid = SpawnInit(spec, childEnd, options);
                return (channel, request);
            }
            catch
            {
                channel?.Dispose();
                throw;
            }
            finally
            {
                if (childEnd >= 0) close(childEnd);
                close(fifoFd);
                if (consoleFd >= 0 && options.ConsoleSocketFd < 0) close(consoleFd);
            }
        }
    }

    private static int OpenConsoleSocket(CreateOptions options)
        => options.ConsoleSocketFd >= 0 ? options.ConsoleSocketFd
            : options.ConsoleSocket is { } socketPath ? DescriptorPassing.Connect(socketPath) : -1;

    /// <summary>A standby init for a container whose namespaces are all new and none a user namespace, whose stdio is
    /// exactly 0-2 and who keeps no other descriptors. It must see the bind sources as we do, and the rootfs or at least
    /// the folder it is mounted on (attachRootfs: it gets a clone of the rootfs mount to attach there).</summary>
    private static (int Pid, SyncChannel Channel)? TakeStandby(Spec spec, string rootfs, CreateOptions options, out bool attachRootfs)
    {
        attachRootfs = false;
        if (options.Standby is not { } standby || options.PreserveFds != 0
            || options.Stdio is not { } stdio || !stdio.Select(s => s.ChildFd).Order().SequenceEqual([0, 1, 2]))
            return null;
        var flags = 0;
        foreach (var ns in spec.Linux?.Namespaces ?? [])
        {
            var flag = NamespaceTypes.FlagOf(ns.Type);
            if (ns.Path is { Length: > 0 } || flag == CLONE_NEWUSER) return null;
            if (flag != CLONE_NEWCGROUP) flags |= flag;
        }
        var binds = (spec.Mounts ?? []).Where(m => m.Source is ['/', ..] && (m.Type == "bind" || m.Options?.Contains("bind") == true
            || m.Options?.Contains("rbind") == true)).Select(m => m.Source!).ToList();
        var attach = false;
        var taken = standby.Take(flags, pid =>
        {
            attach = !StandbyInits.SeesAsWeDo(pid, rootfs);
            return (!attach || StandbyInits.SeesAsWeDo(pid, Path.GetDirectoryName(rootfs) ?? "/"))
                && binds.All(source => StandbyInits.SeesAsWeDo(pid, source));
        });
        attachRootfs = attach;
        return taken;
    }

    /// <summary>Sends the standby init its stdio (in child fd order), the exec fifo, the console socket if any and the
    /// rootfs clone if wanted; returns its channel (closed on failure; create's clean-up ends the init).</summary>
    private static SyncChannel HandOver(SyncChannel channel, string fifo, string rootfs, bool attachRootfs, CreateOptions options)
    {
        var fifoFd = -1;
        var consoleFd = -1;
        var treeFd = -1;
        try
        {
            fifoFd = Check(open(fifo, O_PATH | O_CLOEXEC, 0), "open fifo");
            consoleFd = OpenConsoleSocket(options);
            List<int> batch = [.. options.Stdio!.OrderBy(s => s.ChildFd).Select(s => s.ParentFd), fifoFd];
            byte tag = 0;
            if (consoleFd >= 0)
            {
                batch.Add(consoleFd);
                tag |= StandbyInits.WithConsoleSocket;
            }
            if (attachRootfs)
            {
                batch.Add(treeFd = CloneMountTree(rootfs));
                tag |= StandbyInits.WithRootfsTree;
            }
            DescriptorBatch.Send(channel.Fd, [.. batch], [tag], "descriptors");
            return channel;
        }
        catch
        {
            channel.Dispose();
            throw;
        }
        finally
        {
            if (fifoFd >= 0) close(fifoFd);
            if (consoleFd >= 0 && options.ConsoleSocketFd < 0) close(consoleFd);
            if (treeFd >= 0) close(treeFd);
        }
    }

    /// <summary>The spec's resources with the device rules every container gets (runc's defaults, then an allow
    /// rule for each device node the spec creates) after the spec's own rules.</summary>
    private static LinuxResources ResourcesWithDefaultDevices(Spec spec)
    {
        var resources = spec.Linux?.Resources ?? new LinuxResources();
        var rules = resources.Devices?.ToList() ?? [];
        rules.AddRange(DefaultDeviceRules.Create());
        foreach (var node in spec.Linux?.Devices ?? [])
            rules.Add(new LinuxDeviceCgroup { Allow = true, Type = node.Type == "u" ? "c" : node.Type, Major = node.Major, Minor = node.Minor, Access = "rwm" });
        return new LinuxResources
        {
            Devices = rules, Memory = resources.Memory, Cpu = resources.Cpu, Pids = resources.Pids, BlockIo = resources.BlockIo,
            HugepageLimits = resources.HugepageLimits, Network = resources.Network, Unified = resources.Unified,
        };
    }

    /// <summary>Starts `berth-runtime init` inside the spec's namespaces; it becomes PID 1 of a new PID namespace.
    /// With a user namespace, berth-userns enters every namespace and creates the new ones inside it (so that it owns them).</summary>
    private static int SpawnInit(Spec spec, int syncFd, CreateOptions options)
    {
        var join = new List<(int Fd, int Type)>();
        (int Fd, int Type)? joinUser = null;
        var unshareFlags = 0;
        try
        {
            foreach (var ns in spec.Linux?.Namespaces ?? [])
            {
                var flag = NamespaceTypes.FlagOf(ns.Type);
                if (ns.Path is { Length: > 0 } path)
                {
                    var fd = Check(open(path, O_RDONLY | O_CLOEXEC, 0), $"open namespace {path}");
                    if (flag == CLONE_NEWUSER) joinUser = (fd, flag);
                    else join.Add((fd, flag));
                }
                // The init unshares its cgroup namespace itself, once it sits in its cgroup.
                else if (flag != CLONE_NEWCGROUP) unshareFlags |= flag;
            }
            // A joined PID namespace is entered last: afterwards the thread may no longer do much.
            join.Sort((a, b) => (a.Type == CLONE_NEWPID ? 1 : 0) - (b.Type == CLONE_NEWPID ? 1 : 0));
            var env = InitBinary.Environment(syncFd);
            if (joinUser == null && (unshareFlags & CLONE_NEWUSER) == 0)
                return NamespaceThread.Run(join, unshareFlags, () => Spawn.Start(options.InitPath ?? InitBinary.Path, ["berth-runtime", "init"], env, options.Stdio));
            // berth-userns joins (the user namespace first) in its own process, so that it stays in our PID
            // namespace and reports the init's pid as we see it.
            List<(int Fd, int Type)> all = joinUser is { } u ? [u, .. join] : join;
            return UserNamespaceSpawn.Start(all, unshareFlags, spec.Linux, env, options.InitPath ?? InitBinary.FilePath, options.Stdio);
        }
        finally
        {
            foreach (var (fd, _) in join) close(fd);
            if (joinUser is { } user) close(user.Fd);
        }
    }
}
