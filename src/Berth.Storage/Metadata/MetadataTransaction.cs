using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Berth.Storage.Metadata;

/// <summary>The queries and changes of one metadata transaction.</summary>
public sealed partial class MetadataTransaction
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;

    internal MetadataTransaction(SqliteConnection connection, SqliteTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    internal void EnsureSchema(int version)
    {
        Execute("""
            CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS layers (
              chain_id TEXT PRIMARY KEY, diff_id TEXT NOT NULL, parent TEXT REFERENCES layers(chain_id),
              size INTEGER NOT NULL, created TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS images (
              id TEXT PRIMARY KEY, top_layer TEXT REFERENCES layers(chain_id), parent TEXT,
              created TEXT NOT NULL, size INTEGER NOT NULL, loaded TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS refs (name TEXT PRIMARY KEY, image_id TEXT NOT NULL REFERENCES images(id));
            CREATE INDEX IF NOT EXISTS refs_by_image ON refs(image_id);
            CREATE INDEX IF NOT EXISTS layers_by_parent ON layers(parent);
            CREATE TABLE IF NOT EXISTS containers (
              id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, image_id TEXT NOT NULL, record TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS containers_by_image ON containers(image_id);
            """);
        var stored = Scalar("SELECT version FROM schema_version");
        if (stored is null) Execute("INSERT INTO schema_version VALUES ($v)", ("$v", version));
        else if (Convert.ToInt32(stored, CultureInfo.InvariantCulture) > version)
            throw new StorageException(500, $"berth.db has schema version {stored}, newer than this berthd understands ({version})");
    }

    /// <summary>The layer with this chain ID, or null.</summary>
    public LayerRecord? GetLayer(string chainId)
        => Query("SELECT chain_id, diff_id, parent, size, created FROM layers WHERE chain_id = $c", ReadLayer, ("$c", chainId)).FirstOrDefault();

    /// <summary>Records a layer; its parent must be recorded already.</summary>
    public void PutLayer(LayerRecord layer)
        => Execute("INSERT OR REPLACE INTO layers VALUES ($c, $d, $p, $s, $t)",
            ("$c", layer.ChainId), ("$d", layer.DiffId), ("$p", layer.Parent), ("$s", layer.Size), ("$t", Time(layer.Created)));

    /// <summary>Forgets a layer; refused (by the database) while an image or a child layer uses it.</summary>
    public void DeleteLayer(string chainId) => Execute("DELETE FROM layers WHERE chain_id = $c", ("$c", chainId));

    /// <summary>The chain IDs of every recorded layer.</summary>
    public List<string> ListLayerIds() => Query("SELECT chain_id FROM layers", r => r.GetString(0));

    /// <summary>The layers from the top one down to the base.</summary>
    public List<LayerRecord> LayerChain(string? topChainId)
    {
        var chain = new List<LayerRecord>();
        for (var id = topChainId; id != null;)
        {
            var layer = GetLayer(id) ?? throw new StorageException(500, $"layer {id} is missing from the metadata");
            chain.Add(layer);
            id = layer.Parent;
        }
        return chain;
    }

    /// <summary>How many images and child layers use the layer.</summary>
    public long LayerUsers(string chainId)
        => Convert.ToInt64(Scalar("SELECT (SELECT count(*) FROM images WHERE top_layer = $c) + (SELECT count(*) FROM layers WHERE parent = $c)",
            ("$c", chainId)), CultureInfo.InvariantCulture);

    /// <summary>The image with this ID, or null.</summary>
    public ImageRecord? GetImage(string id)
        => Query("SELECT id, top_layer, parent, created, size, loaded FROM images WHERE id = $i", ReadImage, ("$i", id)).FirstOrDefault();

    /// <summary>The images whose ID (hex, with or without "sha256:") starts with the prefix.</summary>
    public List<ImageRecord> FindImages(string idPrefix)
    {
        var full = idPrefix.StartsWith("sha256:", StringComparison.Ordinal) ? idPrefix : "sha256:" + idPrefix;
        return Query("SELECT id, top_layer, parent, created, size, loaded FROM images WHERE substr(id, 1, length($p)) = $p",
            ReadImage, ("$p", full));
    }

    /// <summary>Every image.</summary>
    public List<ImageRecord> ListImages()
        => Query("SELECT id, top_layer, parent, created, size, loaded FROM images ORDER BY created DESC", ReadImage);

    /// <summary>Records an image (its layers must be recorded already).</summary>
    public void PutImage(ImageRecord image)
        => Execute("INSERT OR REPLACE INTO images VALUES ($i, $l, $p, $c, $s, $t)",
            ("$i", image.Id), ("$l", image.TopLayer), ("$p", image.Parent), ("$c", Time(image.Created)), ("$s", image.Size), ("$t", Time(image.Loaded)));

    /// <summary>Forgets an image; refused (by the database) while a reference points to it.</summary>
    public void DeleteImage(string id) => Execute("DELETE FROM images WHERE id = $i", ("$i", id));

    /// <summary>Points a reference at an image; returns the image it pointed to before, if another.</summary>
    public string? SetReference(string name, string imageId)
    {
        var previous = ResolveReference(name);
        Execute("INSERT OR REPLACE INTO refs VALUES ($n, $i)", ("$n", name), ("$i", imageId));
        return previous == imageId ? null : previous;
    }

    /// <summary>Removes a reference; false when there was none.</summary>
    public bool DeleteReference(string name) => Execute("DELETE FROM refs WHERE name = $n", ("$n", name)) > 0;

    /// <summary>The image a reference points to, or null.</summary>
    public string? ResolveReference(string name) => Scalar("SELECT image_id FROM refs WHERE name = $n", ("$n", name)) as string;

    /// <summary>The references of an image, sorted.</summary>
    public List<string> ReferencesOf(string imageId)
        => Query("SELECT name FROM refs WHERE image_id = $i ORDER BY name", r => r.GetString(0), ("$i", imageId));

    /// <summary>Every reference.</summary>
    public List<ReferenceRecord> ListReferences()
        => Query("SELECT name, image_id FROM refs ORDER BY name", r => new ReferenceRecord(r.GetString(0), r.GetString(1)));

    private static LayerRecord ReadLayer(SqliteDataReader r)
        => new(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetInt64(3), ParseTime(r.GetString(4)));

    private static ImageRecord ReadImage(SqliteDataReader r)
        => new(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
            ParseTime(r.GetString(3)), r.GetInt64(4), ParseTime(r.GetString(5)));

    // Round-trip format with the offset: the CREATED column and the since/before filters compare these.
    private static string Time(DateTimeOffset t) => t.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private SqliteCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    private int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        try { return command.ExecuteNonQuery(); }
        catch (SqliteException e) when (e.SqliteErrorCode == 19 /* SQLITE_CONSTRAINT */)
        {
            throw new StorageException(409, $"metadata constraint: {e.Message}");
        }
    }

    private object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> read, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }
}
