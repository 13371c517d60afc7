namespace Berth.Runtime.Cli;

/// <summary>Writes rows as left-aligned columns separated by at least two spaces (like Go's tabwriter).</summary>
internal static class TextTable
{
    /// <summary>Writes the rows; the first row is the header.</summary>
    internal static void Write(IReadOnlyList<string[]> rows)
    {
        var widths = new int[rows.Max(r => r.Length)];
        foreach (var row in rows)
            for (var i = 0; i < row.Length; i++) widths[i] = Math.Max(widths[i], row[i].Length);
        foreach (var row in rows)
        {
            var cells = row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i] + 2));
            Console.Out.WriteLine(string.Concat(cells).TrimEnd());
        }
    }
}
