namespace Berth.Tests.Storage;

/// <summary>A fresh directory under /tmp, deleted (with anything still mounted under it detached first) on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    internal string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "berth-storage-" + Guid.NewGuid().ToString("N")[..10]);

    internal TempDir() => Directory.CreateDirectory(Path);

    internal string Sub(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
