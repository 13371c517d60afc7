using Berth.Oci.Image;

namespace Berth.Daemon.Containers.Health;

/// <summary>What a container's probes run and how often, with dockerd's defaults for unset values: 30s interval,
/// 30s timeout, no start period, 3 retries.</summary>
public sealed record ProbeSettings(IReadOnlyList<string> Command, TimeSpan Interval, TimeSpan Timeout, TimeSpan StartPeriod,
    TimeSpan? StartInterval, int Retries)
{
    /// <summary>dockerd's defaultProbeInterval and defaultProbeTimeout.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30), DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>dockerd's defaultProbeRetries.</summary>
    public const int DefaultRetries = 3;

    /// <summary>The settings of a merged healthcheck, or null when it runs no probe: none configured, NONE, an empty
    /// test, or a kind dockerd does not know (it warns and probes nothing).</summary>
    public static ProbeSettings? Of(HealthConfig? config)
    {
        if (config?.Test is not [var kind, .. var rest]) return null;
        IReadOnlyList<string>? command = kind switch
        {
            "CMD" => rest,
            // dockerd uses the container's Shell, which Berth's config does not carry: the default shell is the one.
            "CMD-SHELL" => ["/bin/sh", "-c", .. rest],
            _ => null,
        };
        if (command is not { Count: > 0 }) return null;
        return new ProbeSettings(command, Duration(config.Interval) ?? DefaultInterval, Duration(config.Timeout) ?? DefaultTimeout,
            Duration(config.StartPeriod) ?? TimeSpan.Zero, Duration(config.StartInterval),
            config.Retries is { } r and > 0 ? r : DefaultRetries);
    }

    /// <summary>The wait before the next probe: the start interval (API 1.44's field) while a container that asked for
    /// one is still starting within its start period, else the interval.</summary>
    public TimeSpan NextDelay(string status, TimeSpan sinceStart)
        => StartInterval is { } quick && status == HealthStatus.Starting && sinceStart < StartPeriod ? quick : Interval;

    private static TimeSpan? Duration(long? nanoseconds) => nanoseconds is { } n and > 0 ? TimeSpan.FromTicks(n / 100) : null;
}
