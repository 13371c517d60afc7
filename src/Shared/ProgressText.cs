namespace Berth;

/// <summary>The text of a byte-count progress message, as Docker's JSONProgress.String writes it: a 50-wide bar
/// when the line is wider than 110 columns, then "current/total". berthd writes it into the "progress" field (for
/// a 200-column line, as dockerd does); berth renders it for its terminal's width.</summary>
internal static class ProgressText
{
    private const int BarWidth = 50;

    /// <summary>The text for current of total bytes on a line width columns wide; empty when there is nothing to show.</summary>
    public static string Format(long current, long total, int width)
    {
        if (current <= 0 && total <= 0) return "";
        var now = DecimalSize.Format(current, 4);
        if (total <= 0) return $"{now,8}";
        var filled = Math.Min((int)((double)current / total * 100) / 2, BarWidth);
        var bar = width > 110 ? "[" + new string('=', filled) + ">" + new string(' ', BarWidth - filled) + "] " : "";
        // A current beyond the total (compressed input counted against its size) drops the total, as docker does.
        return bar + (current > total ? $"{now,8}" : $"{now,8}/{DecimalSize.Format(total, 4)}");
    }
}
