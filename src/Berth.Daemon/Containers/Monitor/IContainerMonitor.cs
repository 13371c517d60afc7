namespace Berth.Daemon.Containers.Monitor;

/// <summary>berthd's view of berth-monitor, the one per-host process that owns every container's and exec's stdio,
/// writes container logs and records exit statuses, so that all of it goes on while berthd is down.</summary>
public interface IContainerMonitor
{
    /// <summary>Creates and starts a container with the OCI runtime under the monitor; returns its init's pid
    /// once it runs. Output goes to the log and to subscribers; the exit is recorded under the container's id.</summary>
    Task<int> StartContainerAsync(ContainerLaunch launch, CancellationToken cancel);

    /// <summary>Starts a process inside a running container (runtime exec) under the monitor; returns its pid.
    /// Its exit is recorded under the exec's id; exec output is never logged.</summary>
    Task<int> StartExecAsync(ExecLaunch launch, CancellationToken cancel);

    /// <summary>The output of process key from now until it ends and its pipes are drained. May be called before
    /// the process starts: the subscriber then sees its output from the first byte.</summary>
    Task<IOutputSubscription> SubscribeAsync(string key, CancellationToken cancel);

    /// <summary>A stream whose bytes go to process key's stdin (or terminal). Disposing it closes the process's
    /// stdin when closeOnEnd (Docker's StdinOnce), else leaves it open for the next client.</summary>
    Task<Stream> OpenStdinAsync(string key, bool closeOnEnd, CancellationToken cancel);

    /// <summary>Sets the terminal size of process key (a no-op for a process without a terminal).</summary>
    Task ResizeAsync(string key, int height, int width, CancellationToken cancel);

    /// <summary>The processes the monitor knows, running or ended but not yet acknowledged.</summary>
    Task<IReadOnlyList<MonitoredProcess>> ListAsync(CancellationToken cancel);

    /// <summary>Every exit, first those recorded while nobody listened, then live ones, until cancelled.</summary>
    IAsyncEnumerable<ProcessExit> WatchExitsAsync(CancellationToken cancel);

    /// <summary>Forgets the recorded exit of key once berthd has stored it durably.</summary>
    Task AcknowledgeExitAsync(string key, CancellationToken cancel);

    /// <summary>Starts a new monitor on the same socket when the one there went away; the processes the old one
    /// supervised are orphans the new one does not know.</summary>
    Task ReplaceAsync(CancellationToken cancel);
}

/// <summary>What the monitor needs to create and start a container: runtime, bundle, stdio shape and log settings.</summary>
public sealed record ContainerLaunch(string Id, string Bundle, string RuntimePath, string RuntimeRoot, bool Tty,
    bool OpenStdin, LogSettings Log);

/// <summary>What the monitor needs to start a process in a running container: the OCI process JSON file for runtime exec.</summary>
public sealed record ExecLaunch(string ExecId, string ContainerId, string ProcessJsonPath, string RuntimePath,
    string RuntimeRoot, bool Tty, bool OpenStdin);

/// <summary>A container's log driver (json-file, local or none) with its options: max-size in bytes (0 = unlimited), max-file.</summary>
public sealed record LogSettings(string Driver, string? Path, long MaxSize, int MaxFile, bool Compress);

/// <summary>One process the monitor owns: key (container or exec id), pid, and its exit once it ended.</summary>
public sealed record MonitoredProcess(string Key, int Pid, ProcessExit? Exit);

/// <summary>How a process ended: exit code (128+N for signal N, as Docker reports it) and when.</summary>
public sealed record ProcessExit(string Key, int Pid, int ExitCode, DateTimeOffset ExitedAt);

/// <summary>Which stream a chunk of output came from; a terminal's output is always Stdout.</summary>
public enum OutputStream { Stdout = 1, Stderr = 2 }

/// <summary>A live feed of one process's output; ends (null) when the process ended and its output is drained.</summary>
public interface IOutputSubscription : IAsyncDisposable
{
    /// <summary>The next chunk, or null at the end.</summary>
    ValueTask<(OutputStream Stream, ReadOnlyMemory<byte> Data)?> ReadAsync(CancellationToken cancel);
}
