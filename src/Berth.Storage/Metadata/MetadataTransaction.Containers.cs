namespace Berth.Storage.Metadata;

/// <summary>The containers table: berthd keeps each container's record here, so that a container and its state
/// change in one transaction with the images they depend on.</summary>
public sealed partial class MetadataTransaction
{
    private const string ContainerColumns = "SELECT id, name, image_id, record FROM containers";

    /// <summary>Stores (or replaces) a container's row; the database refuses a name another container holds.</summary>
    public void PutContainer(ContainerRow row)
        => Execute("INSERT OR REPLACE INTO containers VALUES ($i, $n, $m, $r)",
            ("$i", row.Id), ("$n", row.Name), ("$m", row.ImageId), ("$r", row.Record));

    /// <summary>The container with this full ID, or null.</summary>
    public ContainerRow? GetContainer(string id)
        => Query(ContainerColumns + " WHERE id = $i", ReadContainer, ("$i", id)).FirstOrDefault();

    /// <summary>The container holding this name (with its leading '/'), or null.</summary>
    public ContainerRow? ContainerNamed(string name)
        => Query(ContainerColumns + " WHERE name = $n", ReadContainer, ("$n", name)).FirstOrDefault();

    /// <summary>The containers whose ID starts with the prefix.</summary>
    public List<ContainerRow> FindContainers(string idPrefix)
        => Query(ContainerColumns + " WHERE substr(id, 1, length($p)) = $p", ReadContainer, ("$p", idPrefix));

    /// <summary>Every container.</summary>
    public List<ContainerRow> ListContainers() => Query(ContainerColumns, ReadContainer);

    /// <summary>The IDs of the containers made from an image.</summary>
    public List<string> ContainersOfImage(string imageId)
        => Query("SELECT id FROM containers WHERE image_id = $m", r => r.GetString(0), ("$m", imageId));

    /// <summary>Forgets a container.</summary>
    public void DeleteContainer(string id) => Execute("DELETE FROM containers WHERE id = $i", ("$i", id));

    private static ContainerRow ReadContainer(Microsoft.Data.Sqlite.SqliteDataReader r)
        => new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3));
}
