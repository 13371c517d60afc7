using System.Globalization;

namespace Berth.Daemon.Containers.Health;

/// <summary>Go's time.Duration.String ("200ms", "1.5s", "1m30s", "2h0m0s"), which dockerd prints in probe timeouts.</summary>
public static class GoDurationText
{
    /// <summary>The text Go prints for <paramref name="duration"/>.</summary>
    public static string Format(TimeSpan duration)
    {
        var nanos = duration.Ticks * 100;
        if (nanos == 0) return "0s";
        var sign = nanos < 0 ? "-" : "";
        var n = (decimal)Math.Abs(nanos);
        if (n < 1_000) return sign + Number(n) + "ns";
        if (n < 1_000_000) return sign + Number(n / 1_000) + "µs";
        if (n < 1_000_000_000) return sign + Number(n / 1_000_000) + "ms";
        var hours = (long)(n / 3_600_000_000_000);
        var minutes = (long)(n / 60_000_000_000 % 60);
        var seconds = Number(n % 60_000_000_000 / 1_000_000_000) + "s";
        return sign + (hours > 0 ? $"{hours}h{minutes}m{seconds}" : minutes > 0 ? $"{minutes}m{seconds}" : seconds);
    }

    private static string Number(decimal value) => value.ToString("0.#########", CultureInfo.InvariantCulture);
}
