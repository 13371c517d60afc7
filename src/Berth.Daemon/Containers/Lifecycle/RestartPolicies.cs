using Berth.Daemon.Api.Models;
using Berth.Daemon.Errors;

namespace Berth.Daemon.Containers.Lifecycle;

/// <summary>Restart policies (no, always, unless-stopped, on-failure[:N]): dockerd's create-time checks, its decision
/// after an exit, and its back-off (100 ms doubling, reset after 10 s of running).</summary>
public static class RestartPolicies
{
    /// <summary>Refuses what dockerd refuses at create.</summary>
    public static void Validate(HostConfig host)
    {
        var policy = host.RestartPolicy ??= new RestartPolicy();
        switch (policy.Name)
        {
            case "" or "no" or "always" or "unless-stopped":
                if (policy.MaximumRetryCount != 0)
                    throw new BadRequestError($"maximum retry count cannot be used with restart policy '{policy.Name}'");
                break;
            case "on-failure":
                if (policy.MaximumRetryCount < 0) throw new BadRequestError("maximum retry count cannot be negative");
                break;
            default:
                throw new BadRequestError($"invalid restart policy '{policy.Name}'");
        }
        if (host.AutoRemove && policy.Name is not ("" or "no"))
            throw new BadRequestError("can't create 'AutoRemove' container with restart policy");
    }

    /// <summary>Whether a container that exited with this code restarts (dockerd's restartmanager.ShouldRestart).</summary>
    public static bool ShouldRestart(RestartPolicy? policy, int exitCode, bool manuallyStopped, int restartCount)
    {
        if (manuallyStopped || policy is null) return false;
        return policy.Name switch
        {
            "always" or "unless-stopped" => true,
            "on-failure" => exitCode != 0 && (policy.MaximumRetryCount == 0 || restartCount < policy.MaximumRetryCount),
            _ => false,
        };
    }

    /// <summary>The delay before the next restart: it doubles from 100 ms on each quick failure, up to a minute, and
    /// starts over once the container ran for 10 seconds.</summary>
    public static TimeSpan NextDelay(TimeSpan previous, TimeSpan ranFor)
    {
        if (ranFor >= TimeSpan.FromSeconds(10) || previous == TimeSpan.Zero) return TimeSpan.FromMilliseconds(100);
        var next = previous * 2;
        return next > TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : next;
    }
}
