using Berth.Storage;
using Berth.Storage.Metadata;

namespace Berth.UnitTests.Storage;

public sealed class MetadataDbTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("berth-meta-").FullName;
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private MetadataDb Open() => MetadataDb.Open(Path.Combine(_dir, "berth.db"));

    private static string Id(char c) => "sha256:" + new string(c, 64);

    private static void AddImage(MetadataTransaction tx, string id, params string[] chain)
    {
        string? parent = null;
        foreach (var layer in chain)
        {
            tx.PutLayer(new LayerRecord(layer, layer, parent, 100, T0));
            parent = layer;
        }
        tx.PutImage(new ImageRecord(id, parent, null, T0, 100 * chain.Length, T0));
    }

    [Fact]
    public void ImagesLayersAndReferences_SurviveReopening()
    {
        using (var db = Open())
            db.Write(tx =>
            {
                AddImage(tx, Id('a'), Id('1'), Id('2'));
                tx.SetReference("docker.io/library/alpine:3.20", Id('a'));
            });
        using var reopened = Open();
        reopened.Read(tx =>
        {
            Assert.Equal(Id('a'), tx.ResolveReference("docker.io/library/alpine:3.20"));
            Assert.Equal([Id('2'), Id('1')], tx.LayerChain(tx.GetImage(Id('a'))!.TopLayer).Select(l => l.ChainId));
            Assert.Equal(T0, tx.GetImage(Id('a'))!.Created);
            Assert.Single(tx.FindImages("aaaaaaaaaaaa"));
            Assert.Empty(tx.FindImages("bbbb"));
            return 0;
        });
    }

    [Fact]
    public void SetReference_ReportsTheImageItMovedAwayFrom()
    {
        using var db = Open();
        db.Write(tx =>
        {
            AddImage(tx, Id('a'), Id('1'));
            AddImage(tx, Id('b'), Id('1'), Id('2'));
            Assert.Null(tx.SetReference("app:v1", Id('a')));
            Assert.Null(tx.SetReference("app:v1", Id('a')));
            Assert.Equal(Id('a'), tx.SetReference("app:v1", Id('b')));
            Assert.Empty(tx.ReferencesOf(Id('a')));
            Assert.Equal(2, tx.LayerUsers(Id('1')));
        });
    }

    [Fact]
    public void FailedWrite_ChangesNothing()
    {
        using var db = Open();
        Assert.Throws<InvalidOperationException>(() => db.Write(tx =>
        {
            AddImage(tx, Id('a'), Id('1'));
            throw new InvalidOperationException("interrupted");
        }));
        db.Read(tx =>
        {
            Assert.Empty(tx.ListImages());
            Assert.Null(tx.GetLayer(Id('1')));
            return 0;
        });
    }

    [Fact]
    public void DeletingAnImageThatAReferenceNames_IsAConflict()
    {
        using var db = Open();
        db.Write(tx =>
        {
            AddImage(tx, Id('a'), Id('1'));
            tx.SetReference("app:v1", Id('a'));
        });
        var error = Assert.Throws<StorageException>(() => db.Write(tx => tx.DeleteImage(Id('a'))));
        Assert.Equal(409, error.StatusCode);
        Assert.NotNull(db.Read(tx => tx.GetImage(Id('a'))));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
