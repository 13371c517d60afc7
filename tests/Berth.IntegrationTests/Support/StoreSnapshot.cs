using Microsoft.Data.Sqlite;

namespace Berth.IntegrationTests.Support;

/// <summary>What a data root holds, for "nothing changed" checks: every file and folder under it (with file sizes;
/// the SQLite files only by name, since their bytes move on reads and checkpoints) and every metadata row.</summary>
internal static class StoreSnapshot
{
    /// <summary>A text listing of dataRoot, one line per path and one per row of each metadata table.</summary>
    internal static string Of(string dataRoot)
    {
        var lines = new List<string>();
        foreach (var path in Directory.EnumerateFileSystemEntries(dataRoot, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(dataRoot, path);
            if (relative.StartsWith("berth.db", StringComparison.Ordinal)) continue;
            lines.Add(System.IO.File.GetAttributes(path).HasFlag(FileAttributes.Directory) ? relative + "/" : $"{relative} {new FileInfo(path).Length}");
        }
        lines.AddRange(Rows(Path.Combine(dataRoot, "berth.db")));
        return string.Join('\n', lines);
    }

    private static IEnumerable<string> Rows(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read()) tables.Add(reader.GetString(0));
        }
        var rows = new List<string>();
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = select.ExecuteReader();
            while (reader.Read())
                rows.Add(table + ": " + string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i)?.ToString())));
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
