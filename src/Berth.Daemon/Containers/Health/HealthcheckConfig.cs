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
    /// image's; the image's whole healthcheck when the user gave none.</summary>
    public static HealthConfig? Merge(HealthConfig? user, HealthConfig? image)
    {
        if (user is null) return image;
        if (image is null) return user;
        return new HealthConfig
        {
            Test = user.Test is { Count: > 0 } ? user.Test : image.Test,
            Interval = Set(user.Interval) ?? image.Interval,
            Timeout = Set(user.Timeout) ?? image.Timeout,
            StartPeriod = Set(user.StartPeriod) ?? image.StartPeriod,
            StartInterval = Set(user.StartInterval) ?? image.StartInterval,
            Retries = user.Retries is { } r and not 0 ? r : image.Retries,
        };
    }

    private static bool TooShort(long? nanoseconds) => nanoseconds is { } n && n != 0 && n < MinimumNanoseconds;

    private static long? Set(long? nanoseconds) => nanoseconds is { } n and not 0 ? n : null;
}
