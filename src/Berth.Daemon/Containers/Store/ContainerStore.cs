using System.Security.Cryptography;
using System.Text.Json;
using Berth.Daemon.Api;
using Berth.Daemon.Errors;
using Berth.Storage.Metadata;

namespace Berth.Daemon.Containers.Store;

/// <summary>The containers berthd knows, in the metadata database: one row per container, written in one transaction
/// each time its record changes, so a crash leaves the last committed state.</summary>
public sealed class ContainerStore(MetadataDb db)
{
    /// <summary>A new 64-hex container ID that no container has (and that is not all digits, like dockerd's).</summary>
    public string NewId()
    {
        while (true)
        {
            var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            if (id[..12].All(char.IsAsciiDigit)) continue;
            if (db.Read(tx => tx.GetContainer(id)) == null) return id;
        }
    }

    /// <summary>Whether a container holds the name (with its leading '/').</summary>
    public bool NameTaken(string name) => db.Read(tx => tx.ContainerNamed(name)) != null;

    /// <summary>Stores a new container; 409 with dockerd's text when its name is held.</summary>
    public void Add(ContainerRecord record) => db.Write(tx =>
    {
        if (tx.ContainerNamed(record.Name) is { } holder) throw NameConflict(record.Name, holder.Id);
        tx.PutContainer(Row(record));
    });

    /// <summary>Stores a container's changed record.</summary>
    public void Save(ContainerRecord record) => db.Write(tx => tx.PutContainer(Row(record)));

    /// <summary>Renames a container in one transaction; 409 when the new name is held by another.</summary>
    public void Rename(ContainerRecord record, string newName) => db.Write(tx =>
    {
        if (tx.ContainerNamed(newName) is { } holder && holder.Id != record.Id) throw NameConflict(newName, holder.Id);
        record.Name = newName;
        tx.PutContainer(Row(record));
    });

    /// <summary>Forgets a container.</summary>
    public void Delete(string id) => db.Write(tx => tx.DeleteContainer(id));

    /// <summary>Every container, newest first (as `ps` lists them).</summary>
    public List<ContainerRecord> List()
        => db.Read(tx => tx.ListContainers()).Select(Parse).OrderByDescending(c => c.Created, StringComparer.Ordinal).ToList();

    /// <summary>The container with this full ID, or null.</summary>
    public ContainerRecord? Get(string id) => db.Read(tx => tx.GetContainer(id)) is { } row ? Parse(row) : null;

    /// <summary>Finds a container as dockerd does: full ID, then name, then unique ID prefix; 404 "No such container".</summary>
    public ContainerRecord Resolve(string idOrName)
    {
        if (string.IsNullOrEmpty(idOrName)) throw new NotFoundError("No such container: ");
        var row = db.Read(tx =>
        {
            if (tx.GetContainer(idOrName) is { } byId) return byId;
            if (tx.ContainerNamed(idOrName.StartsWith('/') ? idOrName : "/" + idOrName) is { } byName) return byName;
            var matches = IsHex(idOrName) ? tx.FindContainers(idOrName) : [];
            if (matches.Count > 1) throw new BadRequestError($"multiple IDs found with provided prefix: {idOrName}");
            return matches.FirstOrDefault();
        });
        return row is null ? throw new NotFoundError($"No such container: {idOrName}") : Parse(row);
    }

    private static bool IsHex(string s) => s.All(char.IsAsciiHexDigitLower);

    private static ConflictError NameConflict(string name, string holderId) => new(
        $"Conflict. The container name \"{name}\" is already in use by container \"{holderId}\". You have to remove (or rename) that container to be able to reuse that name.");

    private static ContainerRow Row(ContainerRecord r)
        => new(r.Id, r.Name, r.Image, JsonSerializer.Serialize(r, ApiJsonContext.Api.ContainerRecord));

    private static ContainerRecord Parse(ContainerRow row)
        => JsonSerializer.Deserialize(row.Record, ApiJsonContext.Api.ContainerRecord)
           ?? throw new InvalidDataException($"container {row.Id} has an empty record");
}
