using System.Runtime.CompilerServices;
using Berth.Monitor.Protocol;

namespace Berth.Daemon.Containers.Monitor;

/// <summary>IContainerMonitor over berth-monitor's socket (Berth.Monitor/Protocol/PROTOCOL.md): one connection per
/// call, so a berthd that dies mid-stream leaves the monitor and the containers undisturbed.</summary>
public sealed class MonitorClient(string socketPath) : IContainerMonitor
{
    /// <summary>The monitor's socket.</summary>
    public string SocketPath { get; } = socketPath;

    /// <inheritdoc />
    public async Task<int> StartContainerAsync(ContainerLaunch launch, CancellationToken cancel)
    {
        var request = new MonitorRequest
        {
            Op = "start", Key = launch.Id, Bundle = launch.Bundle, Runtime = launch.RuntimePath, RuntimeRoot = launch.RuntimeRoot,
            Tty = launch.Tty, OpenStdin = launch.OpenStdin,
            Log = new LogConfig(launch.Log.Driver, launch.Log.Path, launch.Log.MaxSize, launch.Log.MaxFile, launch.Log.Compress),
        };
        return (await MonitorConnection.CallAsync(SocketPath, request, cancel)).Pid;
    }

    /// <inheritdoc />
    public async Task<int> StartExecAsync(ExecLaunch launch, CancellationToken cancel)
    {
        var request = new MonitorRequest
        {
            Op = "exec", Key = launch.ExecId, Container = launch.ContainerId, ProcessJson = launch.ProcessJsonPath,
            Runtime = launch.RuntimePath, RuntimeRoot = launch.RuntimeRoot, Tty = launch.Tty, OpenStdin = launch.OpenStdin,
        };
        return (await MonitorConnection.CallAsync(SocketPath, request, cancel)).Pid;
    }

    /// <inheritdoc />
    public async Task<IOutputSubscription> SubscribeAsync(string key, CancellationToken cancel)
    {
        var (connection, _) = await MonitorConnection.OpenAsync(SocketPath, new MonitorRequest { Op = "subscribe", Key = key }, cancel);
        return new MonitorSubscription(connection);
    }

    /// <inheritdoc />
    public async Task<Stream> OpenStdinAsync(string key, bool closeOnEnd, CancellationToken cancel)
    {
        var request = new MonitorRequest { Op = "stdin", Key = key, CloseOnEnd = closeOnEnd };
        var (connection, _) = await MonitorConnection.OpenAsync(SocketPath, request, cancel);
        // Disposing the stream closes the connection, which is how the monitor learns that this client ended.
        return connection.Stream;
    }

    /// <inheritdoc />
    public Task ResizeAsync(string key, int height, int width, CancellationToken cancel)
        => MonitorConnection.CallAsync(SocketPath, new MonitorRequest { Op = "resize", Key = key, Height = height, Width = width }, cancel);

    /// <inheritdoc />
    public async Task<IReadOnlyList<MonitoredProcess>> ListAsync(CancellationToken cancel)
    {
        var reply = await MonitorConnection.CallAsync(SocketPath, new MonitorRequest { Op = "list" }, cancel);
        return [.. (reply.Processes ?? []).Select(p => new MonitoredProcess(p.Key, p.Pid, p.Exit is { } e ? ToExit(e) : null))];
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ProcessExit> WatchExitsAsync([EnumeratorCancellation] CancellationToken cancel)
    {
        var (connection, _) = await MonitorConnection.OpenAsync(SocketPath, new MonitorRequest { Op = "watch" }, cancel);
        await using (connection)
        {
            while (true)
            {
                ExitRecord? exit;
                try { exit = await connection.Lines.ReadAsync(MonitorJson.Default.ExitRecord, cancel); }
                catch (OperationCanceledException) { yield break; }
                catch (IOException e) { throw new MonitorError($"berth-monitor exit stream: {e.Message}"); }
                if (exit == null) throw new MonitorError("berth-monitor ended the exit stream (did it stop?)");
                yield return ToExit(exit);
            }
        }
    }

    /// <inheritdoc />
    public Task AcknowledgeExitAsync(string key, CancellationToken cancel)
        => MonitorConnection.CallAsync(SocketPath, new MonitorRequest { Op = "ack", Key = key }, cancel);

    /// <inheritdoc />
    public Task ReplaceAsync(CancellationToken cancel)
        => MonitorStarter.ConnectOrStartAsync(Path.GetDirectoryName(SocketPath)!, null, cancel);

    private static ProcessExit ToExit(ExitRecord e) => new(e.Key, e.Pid, e.ExitCode, e.ExitedAt);
}
