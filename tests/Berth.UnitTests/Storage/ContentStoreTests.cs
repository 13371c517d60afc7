using System.Text;
using Berth.Oci.Image;
using Berth.Storage;
using Berth.Storage.Content;
using Berth.Tests.Storage;

namespace Berth.UnitTests.Storage;

public sealed class ContentStoreTests : IDisposable
{
    private readonly TempDir _root = new();
    private readonly ContentStore _store;
    private static readonly byte[] Hello = Encoding.UTF8.GetBytes("hello blob");

    public ContentStoreTests() => _store = new ContentStore(_root.Path);

    public void Dispose() => _root.Dispose();

    private string[] TempEntries => Directory.GetFileSystemEntries(_root.Sub("tmp"));

    [Fact]
    public void Ingest_StoresVerifiedBlobUnderItsDigest()
    {
        var digest = Digest.Of(Hello);
        Assert.Equal(Hello.Length, _store.Ingest(new MemoryStream(Hello), digest, Hello.Length));

        Assert.True(File.Exists(Path.Combine(_root.Path, "content", "blobs", "sha256", digest.Hex)));
        Assert.True(_store.Exists(digest));
        Assert.Equal(Hello.Length, _store.Size(digest));
        using (var s = _store.Open(digest)) Assert.Equal(digest, Digest.Of(s));
        Assert.Equal([digest], _store.List());
        Assert.Empty(TempEntries);
    }

    [Fact]
    public void Ingest_DigestMismatch_Throws400AndLeavesStoreUnchanged()
    {
        var claimed = Digest.Of("something else"u8);
        var e = Assert.Throws<DigestMismatchException>(() => _store.Ingest(new MemoryStream(Hello), claimed, null));

        Assert.Equal(400, e.StatusCode);
        Assert.Equal($"blob {claimed} does not match its descriptor: got {Digest.Of(Hello)} ({Hello.Length} bytes)", e.Message);
        Assert.False(_store.Exists(claimed));
        Assert.Empty(_store.List());
        Assert.Empty(TempEntries);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(+1)]
    public void Ingest_SizeMismatch_Throws400(int delta)
    {
        var digest = Digest.Of(Hello);
        var e = Assert.Throws<DigestMismatchException>(() => _store.Ingest(new MemoryStream(Hello), digest, Hello.Length + delta));

        Assert.Contains($"blob {digest} does not match its descriptor", e.Message);
        Assert.False(_store.Exists(digest));
        Assert.Empty(TempEntries);
    }

    [Fact]
    public void Ingest_Twice_IsIdempotentAndDoesNotReadAgain()
    {
        var digest = Digest.Of(Hello);
        _store.Ingest(new MemoryStream(Hello), digest, null);

        Assert.Equal(Hello.Length, _store.Ingest(new ThrowingStream(), digest, Hello.Length));
        Assert.Equal([digest], _store.List());
    }

    [Fact]
    public void CleanTemp_RemovesLeftoverFilesAndDirectories()
    {
        File.WriteAllText(Path.Combine(_root.Sub("tmp"), "ingest-deadbeef"), "partial");
        Directory.CreateDirectory(Path.Combine(_root.Sub("tmp"), "unpack-1", "etc"));

        _store.CleanTemp();

        Assert.Empty(TempEntries);
    }

    [Fact]
    public void MissingBlob_Is404()
    {
        var digest = Digest.Of(Hello);
        Assert.Equal(404, Assert.Throws<BlobNotFoundException>(() => _store.Open(digest)).StatusCode);
        Assert.Equal(404, Assert.Throws<BlobNotFoundException>(() => _store.Size(digest)).StatusCode);
        Assert.False(_store.Delete(digest));
    }

    [Fact]
    public void Delete_RemovesBlob()
    {
        var digest = Digest.Of(Hello);
        _store.Ingest(new MemoryStream(Hello), digest, null);

        Assert.True(_store.Delete(digest));
        Assert.False(_store.Exists(digest));
    }

    /// <summary>A stream that fails if anyone reads it.</summary>
    private sealed class ThrowingStream : MemoryStream
    {
        public override int Read(Span<byte> buffer) => throw new InvalidOperationException("must not be read");
        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("must not be read");
    }
}
