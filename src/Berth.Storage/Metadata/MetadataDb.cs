using Microsoft.Data.Sqlite;

namespace Berth.Storage.Metadata;

/// <summary>The daemon's metadata database (berth.db, SQLite in WAL mode): layers, images and references.
/// Every change goes through <see cref="Write"/>, one transaction, so a crash leaves the old state or the new.</summary>
public sealed class MetadataDb : IDisposable
{
    private const int SchemaVersion = 1;
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    private MetadataDb(SqliteConnection connection) => _connection = connection;

    /// <summary>Opens (creating when needed) the database file and brings its schema up to date.</summary>
    public static MetadataDb Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        var db = new MetadataDb(connection);
        // WAL keeps readers and the writer apart; NORMAL still never loses a committed transaction to a process crash.
        db.Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
        db.Write(tx => tx.EnsureSchema(SchemaVersion));
        return db;
    }

    /// <summary>Runs reads against a consistent snapshot.</summary>
    public T Read<T>(Func<MetadataTransaction, T> read)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction(deferred: true);
            return read(new MetadataTransaction(_connection, transaction));
        }
    }

    /// <summary>Runs changes in one transaction: all of them are stored, or (on an exception) none.</summary>
    public T Write<T>(Func<MetadataTransaction, T> change)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            var result = change(new MetadataTransaction(_connection, transaction));
            transaction.Commit();
            return result;
        }
    }

    /// <summary>Runs changes in one transaction.</summary>
    public void Write(Action<MetadataTransaction> change) => Write(tx => { change(tx); return true; });

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <inheritdoc/>
    public void Dispose() => _connection.Dispose();
}
