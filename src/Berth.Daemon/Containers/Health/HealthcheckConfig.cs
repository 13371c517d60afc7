using Berth.Daemon.Errors;
using Berth.Oci.Image;

namespace Berth.Daemon.Containers.Health;

/// <summary>A create request's healthcheck as dockerd treats it: checked before the image is consulted, then merged
/// field by field over the image's HEALTHCHECK (daemon/commit.go merge).</summary>
public static class HealthcheckConfig
{
    /// <summary>The shortest duration a healthcheck may name (Go's containertypes.MinimumDuration).</summary>
    public static readonly TimeSpan MinimumDuration = TimeSpan.FromMilliseconds(1);

    private const long MinimumNanoseconds = 1_000_000;

    /// <summary>Refuses, with dockerd's 400 messages and in its order, durations under 1ms and negative retries;
    /// zero means "inherit" and is always allowed.</summary>
    public static void Validate(HealthConfig? config)
    {
        if (config is null) return;
        if (TooShort(config.Interval)) throw new BadRequestError("Interval in Healthcheck cannot be less than 1ms");
        if (TooShort(config.Timeout)) throw new BadRequestError("Timeout in Healthcheck cannot be less than 1ms");
        if (config.Retries < 0) throw new BadRequestError("Retries in Healthcheck cannot be negative");
        if (TooShort(config.StartPeriod)) throw new BadRequestError("StartPeriod in Healthcheck cannot be less than 1ms");
        if (TooShort(config.StartInterval)) throw new BadRequestError("StartInterval in Healthcheck cannot be less than 1ms");
    }

    /// <summary>The user's healthcheck with each unset field (empty Test, zero durations and retries) taken from the
    /// image's; the image's whole healthcheck when the user gave none. Unset fields stay absent, so inspect shows
    /// only what was set, as dockerd's omitempty fields do.</summary>
    public static HealthConfig? Merge(HealthConfig? user, HealthConfig? image)
    {
        if (user is null) return image is null ? null : Trim(image);
        image ??= new HealthConfig();
        return new HealthConfig
        {
            Test = user.Test is { Count: > 0 } ? user.Test : image.Test is { Count: > 0 } ? image.Test : null,
            Interval = Set(user.Interval) ?? Set(image.Interval),
            Timeout = Set(user.Timeout) ?? Set(image.Timeout),
            StartPeriod = Set(user.StartPeriod) ?? Set(image.StartPeriod),
            StartInterval = Set(user.StartInterval) ?? Set(image.StartInterval),
            Retries = Set(user.Retries) ?? Set(image.Retries),
        };
    }

    private static HealthConfig Trim(HealthConfig c) => Merge(c, null)!;

    private static bool TooShort(long? nanoseconds) => nanoseconds is { } n && n != 0 && n < MinimumNanoseconds;

    private static long? Set(long? nanoseconds) => nanoseconds is { } n and not 0 ? n : null;

    private static int? Set(int? count) => count is { } n and not 0 ? n : null;
}
