using System.Text;
using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Hooks;
using Berth.Runtime.Processes;
using Berth.Runtime.Rootfs;
using Berth.Runtime.Terminal;
using static Berth.Runtime.Interop.Libc;

namespace Berth.Runtime.Init;

/// <summary>The init's set-up of a new container, in the order of the runtime spec: mounts, the create hooks,
/// the root switch, the terminal, then hostname, sysctls and path masking.</summary>
internal static class ContainerSetup
{
    /// <summary>Sets the container up and returns its prepared process.</summary>
    internal static ProcessLaunch Run(InitRequest request, SyncChannel channel)
    {
        var spec = request.Spec;
        var linux = spec.Linux ?? new Linux();
        // Modes of created nodes and directories must be exactly as the spec says.
        umask(0);
        var cgroups = CgroupMount.Capture(request.NewCgroupNamespace);
        if (request.NewCgroupNamespace) Check(unshare(CLONE_NEWCGROUP), "create cgroup namespace");

        RootSwitch.Prepare(request.Rootfs, linux.RootfsPropagation);
        PhaseTimer.Mark("init: capture cgroups + prepare");
        var bundle = Path.GetDirectoryName(request.Rootfs) ?? "/";
        foreach (var mount in spec.Mounts ?? []) SpecMounts.Mount(mount, request.Rootfs, bundle, cgroups);
        PhaseTimer.Mark("init: mounts");
        var devIsBound = spec.Mounts?.Any(m => m.Destination.TrimEnd('/') == "/dev" && MountOptions.Parse(m.Options, m.Type).Bind) == true;
        if (!devIsBound)
        {
            // mknod is refused inside a user namespace: the host's nodes are bound instead, as runc does.
            DeviceNodes.Create(linux.Devices, request.Rootfs, bindFromHost: NamespaceTypes.Has(spec, "user"));
            DeviceNodes.CreateSymlinks(request.Rootfs, spec.Mounts?.Any(m => m.Type == "devpts") == true);
        }

        channel.Send(SyncMessage.RunCreateHooks);
        PhaseTimer.Mark("init: devices");
        channel.Expect(SyncMessage.CreateHooksDone);
        HookRunner.RunAll(spec.Hooks?.CreateContainer, "createContainer", request.StateJson);

        RootSwitch.Switch(request.Rootfs, request.NoPivot);
        RootSwitch.ApplyFinalPropagation(linux.RootfsPropagation);
        PhaseTimer.Mark("init: pivot");
        if (spec.Process!.Terminal) AttachTerminal(request, spec.Process, bindConsole: true);
        if (spec.Hostname is { Length: > 0 } hostname) SetName(hostname, isDomain: false);
        if (spec.Domainname is { Length: > 0 } domain) SetName(domain, isDomain: true);
        foreach (var (key, value) in linux.Sysctl ?? [])
            WriteSysctl(key, value);
        // Like runc, a missing working directory is created while the root is still writable.
        Directory.CreateDirectory(spec.Process.Cwd);
        PathMasks.MakeReadOnly(linux.ReadonlyPaths);
        PathMasks.Mask(linux.MaskedPaths);
        if (spec.Root?.Readonly == true) RootSwitch.MakeReadOnly();
        if (!request.NoNewKeyring) SessionKeyring.Join(request.Id);
        umask(0x12 /* 022, unless the process asks for another */);
        PhaseTimer.Mark("init: finalize rootfs");
        return ProcessLaunch.Prepare(spec.Process, linux, request.Seccomp, request.PreserveFds);
    }

    /// <summary>Creates the process's pty, hands its master to the console socket and takes the slave as stdio.</summary>
    internal static void AttachTerminal(InitRequest request, Process process, bool bindConsole)
    {
        if (request.ConsoleSocketFd < 0) throw new RuntimeException("a terminal was requested but no console socket was given");
        var pty = Pty.Open();
        if (process.ConsoleSize is { } size) Pty.Resize(pty.Master, (ushort)size.Height, (ushort)size.Width);
        if (bindConsole)
        {
            SpecMounts.CreateFile("/dev/console");
            Check(mount(pty.SlavePath, "/dev/console", null, MS_BIND, null), "bind /dev/console");
        }
        DescriptorPassing.Send(request.ConsoleSocketFd, pty.Master, pty.SlavePath);
        close(pty.Master);
        close(request.ConsoleSocketFd);
        pty.BecomeControllingTerminal();
    }

    private static unsafe void SetName(string name, bool isDomain)
    {
        var bytes = Encoding.UTF8.GetBytes(name);
        fixed (byte* p = bytes)
        {
            var rc = isDomain ? setdomainname(p, (nuint)bytes.Length) : sethostname(p, (nuint)bytes.Length);
            Check(rc, isDomain ? "set domainname" : "set hostname");
        }
    }

    private static void WriteSysctl(string key, string value)
    {
        var path = "/proc/sys/" + key.Replace('.', '/');
        try { File.WriteAllText(path, value); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RuntimeException($"sysctl {key}={value}: {e.Message}");
        }
    }
}
