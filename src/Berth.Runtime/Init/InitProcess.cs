using System.Text.Json;
using Berth.Runtime.Hooks;
using Berth.Runtime.Lifecycle;
using Berth.Runtime.Processes;
using static Berth.Runtime.Interop.Libc;

namespace Berth.Runtime.Init;

/// <summary>`berth-runtime init`: the container side of create and exec. It runs as the first process of the new
/// namespaces, finishes the set-up on its main thread, and replaces itself with the user's program.</summary>
internal static class InitProcess
{
    /// <summary>Runs the init; returns only on failure.</summary>
    internal static int Run()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("_BERTH_SYNC_FD"), out var fd))
        {
            Console.Error.WriteLine("berth-runtime init: this command is started by berth-runtime itself");
            return 1;
        }
        PhaseTimer.Mark("init: main");
        using var channel = new SyncChannel(fd);
        ProcessLaunch launch;
        InitRequest request;
        try
        {
            StandbyWait.Handed? handed = null;
            if (Environment.GetEnvironmentVariable(StandbyInits.EnvironmentName) != null)
            {
                StandbyWait.WarmUp();
                // The runtime closing the socket instead means it no longer wants us.
                if ((handed = StandbyWait.TakeDescriptors(fd)) == null) return 0;
                PhaseTimer.Mark("init: taken");
            }
            var requestJson = channel.Expect(SyncMessage.Request);
            PhaseTimer.Mark("init: received");
            request = JsonSerializer.Deserialize(requestJson, RuntimeJsonContext.Default.InitRequest)
                ?? throw new RuntimeException("init: empty request");
            if (handed != null) StandbyWait.Use(request, handed);
            channel.Expect(SyncMessage.Proceed);
            PhaseTimer.Mark("init: request");
            launch = request.Mode == InitModes.Exec ? JoinSetup.Run(request) : ContainerSetup.Run(request, channel);
            if (request.Mode == InitModes.Exec)
            {
                // The runtime learns of success when execve closes this socket (it is close-on-exec).
                launch.Execute();
            }
            channel.Send(SyncMessage.Ready);
        }
        catch (Exception e) when (e is RuntimeException or IOException or UnauthorizedAccessException)
        {
            TrySend(channel, e.Message);
            return 1;
        }
        // From here on the runtime that created us may be gone: errors go to the container's stderr.
        try
        {
            WaitForStart(request.FifoFd);
            PhaseTimer.Mark("init: started");
            HookRunner.RunAll(request.Spec.Hooks?.StartContainer, "startContainer", request.StateJson);
            launch.Execute();
        }
        catch (Exception e) when (e is RuntimeException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"berth-runtime init: {e.Message}");
        }
        return 127;
    }

    /// <summary>Blocks until `start` opens the exec fifo, then tells it we are going.</summary>
    private static void WaitForStart(int fifoFd)
    {
        // The O_PATH descriptor is reopened through /proc: the fifo's host path is not visible after pivot_root.
        var fd = Check(open($"/proc/self/fd/{fifoFd}", O_WRONLY | O_CLOEXEC, 0), "open exec fifo");
        WriteAll(fd, "0"u8, "write exec fifo");
        close(fd);
        close(fifoFd);
    }

    private static void TrySend(SyncChannel channel, string message)
    {
        try { channel.Send(SyncMessage.Error, message); }
        catch (RuntimeException) { Console.Error.WriteLine($"berth-runtime init: {message}"); }
    }
}
