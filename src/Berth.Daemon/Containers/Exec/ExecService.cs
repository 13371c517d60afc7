using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Berth.Daemon.Api.Models;
using Berth.Daemon.Containers.Lifecycle;
using Berth.Daemon.Containers.Monitor;
using Berth.Daemon.Containers.Spec;
using Berth.Daemon.Containers.Store;
using Berth.Daemon.Errors;
using Berth.Daemon.Hosting;
using Berth.Oci.RuntimeSpec;

namespace Berth.Daemon.Containers.Exec;

/// <summary>Exec instances: created against a running container, started once through the monitor (which owns their
/// stdio), their exit codes kept in memory as dockerd keeps them.</summary>
public sealed class ExecService
{
    private readonly ConcurrentDictionary<string, ExecSession> _sessions = new();
    private readonly ContainerService _containers;
    private readonly ContainerEvents _events;

    /// <summary>Follows exec exits through the container service's exit stream.</summary>
    public ExecService(ContainerService containers, ContainerEvents events)
    {
        _containers = containers;
        _events = events;
        containers.OtherExit += OnExit;
    }

    /// <summary>Creates an exec in a running container (409 when it is not running or is paused).</summary>
    public ExecSession Create(string idOrName, ExecCreateRequest request)
    {
        var c = _containers.Store.Resolve(idOrName);
        if (!c.State.Running) throw new ConflictError($"Container {c.Id} is not running");
        // dockerd names the container as the client did here (and by ID in the other refusals).
        if (c.State.Paused) throw new ConflictError($"Container {idOrName} is paused, unpause the container before exec");
        if (c.State.Restarting) throw new ConflictError($"Container {c.Id} is restarting, wait until the container is running");
        if (request.Cmd is not { Count: > 0 }) throw new BadRequestError("No exec command specified");
        ForgetExecsOfRemovedContainers();
        var session = new ExecSession(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), c.Id, request);
        _sessions[session.Id] = session;
        _events.Publish("exec_create: " + EventCommand(request.Cmd), c, new Dictionary<string, string> { ["execID"] = session.Id });
        return session;
    }

    /// <summary>The exec with this ID; 404 "No such exec instance" otherwise.</summary>
    public ExecSession Get(string id)
        => _sessions.TryGetValue(id, out var s) ? s : throw new NotFoundError($"No such exec instance: {id}");

    /// <summary>Drops an exec that nobody will inspect (a finished health probe), so probes do not pile up.</summary>
    public void Forget(string id) => _sessions.TryRemove(id, out _);

    /// <summary>The IDs of a container's execs that have not ended (created or running), as inspect's ExecIDs lists them.</summary>
    public List<string> PendingIdsOf(string containerId) =>
        _sessions.Values.Where(s => s.ContainerId == containerId && s.ExitCode is null).Select(s => s.Id).ToList();

    /// <summary>Starts the exec's process: <see cref="Claim"/>, then <see cref="LaunchAsync"/>.</summary>
    public Task StartAsync(ExecSession session) => LaunchAsync(session, Claim(session));

    /// <summary>Marks the exec started (409 when it already was, or when its container no longer runs); returns the container.</summary>
    public ContainerRecord Claim(ExecSession session)
    {
        lock (session)
        {
            if (session.Started) throw new ConflictError($"Error: Exec command {session.Id} has already run");
            session.Started = true;
        }
        var c = _containers.Store.Resolve(session.ContainerId);
        if (!c.State.Running) throw new ConflictError($"Container {c.Id} is not running");
        return c;
    }

    /// <summary>Starts the process of a claimed exec through the monitor.</summary>
    public async Task LaunchAsync(ExecSession session, ContainerRecord c)
    {
        var bundle = _containers.Paths.Bundle(c.Id);
        var spec = SpecReader.Parse(await File.ReadAllBytesAsync(Path.Combine(bundle, "config.json")));
        var process = ExecProcess(spec, session.Request, c.HostConfig.GroupAdd, _containers.Paths.Rootfs(c.Id));
        var file = Path.Combine(bundle, $"exec-{session.Id}.json");
        AtomicFile.WriteAllText(file, JsonSerializer.Serialize(process, SpecWriteContext.Default.Process), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        // Before the process runs, as dockerd: a short-lived one must not have its exec_die reported first.
        _events.Publish("exec_start: " + EventCommand(session.Request.Cmd!), c, new Dictionary<string, string> { ["execID"] = session.Id });
        try
        {
            session.Pid = await _containers.Monitor.StartExecAsync(new ExecLaunch(session.Id, c.Id, file, _containers.Runtime.Path,
                _containers.Runtime.Root, session.Request.Tty, session.Request.AttachStdin), CancellationToken.None);
            // A quick process may have exited (and been recorded) before the monitor's answer got here.
            lock (session) session.Running = session.ExitCode is null;
        }
        catch (Exception e)
        {
            // dockerd 20.10 records 126 for any exec that could not start (a missing program too), and docker exec exits with it.
            session.ExitCode = 126;
            session.Exited.TrySetResult(126);
            throw e is BerthError ? e : new ServerError(e.Message);
        }
        finally { File.Delete(file); }
    }

    // Ended execs stay inspectable while their container exists, as in dockerd; a removed container's go here, on the
    // next create, rather than in the remove path, so that a stream still waiting on one is never cut short.
    private void ForgetExecsOfRemovedContainers()
    {
        foreach (var session in _sessions.Values)
            if (session.ExitCode is not null && _containers.Store.Get(session.ContainerId) is null) _sessions.TryRemove(session.Id, out _);
    }

    // dockerd's action text: the entrypoint, a space, the arguments (so "true " for a command without arguments).
    private static string EventCommand(IReadOnlyList<string> cmd) => cmd[0] + " " + string.Join(' ', cmd.Skip(1));

    // The container's own process is the base: its capabilities, rlimits, apparmor and no-new-privileges carry over.
    private static Process ExecProcess(Oci.RuntimeSpec.Spec spec, ExecCreateRequest r, IReadOnlyList<string>? groupAdd, string rootfs)
    {
        var p = spec.Process ?? new Process();
        var env = new List<string>(p.Env ?? []);
        foreach (var e in r.Env ?? [])
        {
            var key = e.Split('=', 2)[0];
            env.RemoveAll(x => x.Split('=', 2)[0] == key);
            env.Add(e);
        }
        p.Args = r.Cmd!;
        p.Env = env;
        p.Terminal = r.Tty;
        if (!string.IsNullOrEmpty(r.WorkingDir)) p.Cwd = r.WorkingDir;
        if (r.User is { Length: > 0 } user) p.User = UserLookup.Resolve(rootfs, user, groupAdd);
        if (r.Privileged)
        {
            var all = CapabilityTweaks.Apply(null, null, privileged: true);
            p.Capabilities = new Capabilities { Bounding = all, Effective = [.. all], Permitted = [.. all] };
        }
        if (r.ConsoleSize is [var h, var w] && h > 0 && w > 0) p.ConsoleSize = new ConsoleSize { Height = (uint)h, Width = (uint)w };
        return p;
    }

    private void OnExit(ProcessExit exit)
    {
        if (!_sessions.TryGetValue(exit.Key, out var session)) return;
        lock (session)
        {
            session.Running = false;
            session.ExitCode = exit.ExitCode;
        }
        // Announced before waiters are released: a health probe's status event must follow its exec_die, as in dockerd.
        if (_containers.Store.Get(session.ContainerId) is { } c)
            _events.Publish("exec_die", c, new Dictionary<string, string> { ["execID"] = session.Id, ["exitCode"] = exit.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        session.Exited.TrySetResult(exit.ExitCode);
    }
}
