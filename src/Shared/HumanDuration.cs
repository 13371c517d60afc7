namespace Berth;

/// <summary>Durations in words as Docker's go-units HumanDuration writes them ("Less than a second", "About a minute",
/// "3 weeks"): berthd's status texts ("Up 3 seconds") and the CLI's CREATED column both use it.</summary>
internal static class HumanDuration
{
    /// <summary>The duration in Docker's words.</summary>
    public static string Format(TimeSpan d)
    {
        var seconds = (long)d.TotalSeconds;
        if (seconds < 1) return "Less than a second";
        if (seconds == 1) return "1 second";
        if (seconds < 60) return $"{seconds} seconds";
        var minutes = (long)d.TotalMinutes;
        if (minutes == 1) return "About a minute";
        if (minutes < 60) return $"{minutes} minutes";
        var hours = (long)Math.Round(d.TotalHours, MidpointRounding.AwayFromZero);
        if (hours == 1) return "About an hour";
        if (hours < 48) return $"{hours} hours";
        if (hours < 24 * 7 * 2) return $"{hours / 24} days";
        if (hours < 24 * 30 * 2) return $"{hours / 24 / 7} weeks";
        if (hours < 24 * 365 * 2) return $"{hours / 24 / 30} months";
        return $"{(long)(d.TotalHours / 24 / 365)} years";
    }
}
