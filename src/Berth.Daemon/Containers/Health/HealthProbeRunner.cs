using Berth.Daemon.Api.Models;
using Berth.Daemon.Containers.Exec;
using Berth.Daemon.Containers.Monitor;
using Berth.Daemon.Containers.Store;
using Berth.Daemon.Errors;
using Berth.Oci.Image;

namespace Berth.Daemon.Containers.Health;

/// <summary>Runs one probe as dockerd does: an exec in the container (its user and working directory, the
/// container's environment) through the ordinary exec path, so it shows as exec_create/exec_start/exec_die; output
/// kept up to 4096 bytes; past the timeout the result is exit -1 "Health check exceeded timeout (…)" and the probe
/// gets SIGTERM, then SIGKILL 10 seconds later.</summary>
public sealed class HealthProbeRunner(ExecService execs, IContainerMonitor monitor, ILogger<HealthProbeRunner> log)
{
    /// <summary>How long a probe may take to die of SIGTERM before SIGKILL (dockerd's termProcessTimeout).</summary>
    private static readonly TimeSpan TermGrace = TimeSpan.FromSeconds(10);

    private const int SigTerm = 15, SigKill = 9;

    /// <summary>Runs the probe and returns its result. When <paramref name="stop"/> fires (probing ends) the probe is
    /// ended the same way and the cancellation passed on.</summary>
    public async Task<HealthProbe> RunAsync(ContainerRecord c, ProbeSettings settings, CancellationToken stop)
    {
        var start = DateTimeOffset.UtcNow;
        ExecSession? session = null;
        try
        {
            session = execs.Create(c.Id, new ExecCreateRequest
            {
                Cmd = [.. settings.Command], AttachStdout = true, AttachStderr = true, User = c.Config.User,
                WorkingDir = c.Config.WorkingDir,
            });
            var output = new ProbeOutput();
            await using var subscription = await monitor.SubscribeAsync(session.Id, stop);
            await execs.StartAsync(session);
            var finished = FinishAsync(session, subscription, output);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
            timeout.CancelAfter(settings.Timeout);
            try
            {
                var exitCode = await finished.WaitAsync(timeout.Token);
                return new HealthProbe { Start = Time(start), End = Time(DateTimeOffset.UtcNow), ExitCode = exitCode, Output = output.ToString() };
            }
            catch (OperationCanceledException)
            {
                var result = Failed(start, $"Health check exceeded timeout ({GoDurationText.Format(settings.Timeout)})");
                await EndAsync(session, finished);
                stop.ThrowIfCancellationRequested();
                return result;
            }
        }
        // As dockerd: a probe that could not run is a failure whose output says why.
        catch (Exception e) when (e is BerthError or IOException or System.Net.Sockets.SocketException) { return Failed(start, e.Message); }
        finally
        {
            if (session is not null) execs.Forget(session.Id);
        }
    }

    // The exit code, once the process ended and its output is drained.
    private static async Task<int> FinishAsync(ExecSession session, IOutputSubscription subscription, ProbeOutput output)
    {
        while (await subscription.ReadAsync(CancellationToken.None) is { } chunk) output.Append(chunk.Data.Span);
        return await session.Exited.Task;
    }

    // Dying probes must not pile up: the next one starts only once this one is gone.
    private async Task EndAsync(ExecSession session, Task<int> finished)
    {
        Signal(session, SigTerm);
        if (await Task.WhenAny(finished, Task.Delay(TermGrace)) == finished) return;
        Signal(session, SigKill);
        if (await Task.WhenAny(finished, Task.Delay(TermGrace)) != finished)
            log.LogWarning("health probe {Exec} did not end after SIGKILL", session.Id);
    }

    private static void Signal(ExecSession session, int signal)
    {
        if (session.Running && session.Pid > 0) Machine.LibC.kill(session.Pid, signal);
    }

    private static HealthProbe Failed(DateTimeOffset start, string message)
        => new() { Start = Time(start), End = Time(DateTimeOffset.UtcNow), ExitCode = -1, Output = message };

    private static string Time(DateTimeOffset t) => Rfc3339.Format(t.ToUniversalTime());
}
