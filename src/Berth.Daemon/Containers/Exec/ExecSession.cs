using Berth.Daemon.Api.Models;

namespace Berth.Daemon.Containers.Exec;

/// <summary>One exec instance: what was asked, and its run (pid, exit code). Kept in memory, as dockerd keeps them.</summary>
public sealed class ExecSession(string id, string containerId, ExecCreateRequest request)
{
    /// <summary>The 64-hex exec ID.</summary>
    public string Id { get; } = id;

    /// <summary>The container it runs in.</summary>
    public string ContainerId { get; } = containerId;

    /// <summary>The create request.</summary>
    public ExecCreateRequest Request { get; } = request;

    /// <summary>Whether start was called (an exec runs once).</summary>
    public bool Started { get; set; }

    /// <summary>Whether it runs now.</summary>
    public bool Running { get; set; }

    /// <summary>Its pid while it runs (0 before).</summary>
    public int Pid { get; set; }

    /// <summary>Its exit code once it ended.</summary>
    public int? ExitCode { get; set; }

    /// <summary>Completes when the process ended.</summary>
    public TaskCompletionSource<int> Exited { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The inspect document.</summary>
    public ExecInspect Inspect() => new()
    {
        CanRemove = false, ContainerID = ContainerId, DetachKeys = Request.DetachKeys ?? "", ExitCode = ExitCode, ID = Id,
        OpenStderr = Request.AttachStderr, OpenStdin = Request.AttachStdin, OpenStdout = Request.AttachStdout,
        ProcessConfig = new ExecProcessConfig
        {
            Entrypoint = Request.Cmd?.FirstOrDefault() ?? "", Arguments = Request.Cmd?.Skip(1).ToList() ?? [],
            Privileged = Request.Privileged, Tty = Request.Tty, User = Request.User ?? "",
        },
        Running = Running, Pid = Pid,
    };
}
