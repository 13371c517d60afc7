using System.Text;

namespace Berth.Cli.Templates;

/// <summary>Aligns tab-separated cells into columns as Go's text/tabwriter does with docker's settings
/// (minimum width 10, padding 3, spaces); the last cell of a line is not padded.</summary>
public static class TabWriter
{
    /// <summary>The lines with each tab-terminated cell padded to its column's width.</summary>
    public static string Align(IEnumerable<string> lines, int minWidth = 10, int padding = 3)
    {
        var rows = lines.Select(l => l.Split('\t')).ToList();
        var widths = new List<int>();
        foreach (var cells in rows)
            for (var c = 0; c < cells.Length - 1; c++)
            {
                if (widths.Count <= c) widths.Add(minWidth);
                widths[c] = Math.Max(widths[c], cells[c].Length + padding);
            }
        var sb = new StringBuilder();
        foreach (var cells in rows)
        {
            for (var c = 0; c < cells.Length - 1; c++) sb.Append(cells[c].PadRight(widths[c]));
            sb.Append(cells[^1]).Append('\n');
        }
        return sb.ToString();
    }
}
