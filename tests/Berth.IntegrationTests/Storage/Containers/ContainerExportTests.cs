using Berth.Storage.Containers;

namespace Berth.IntegrationTests.Storage.Containers;

/// <summary>`docker export` of a real overlay root: every path of the merged view, none of the hidden ones.</summary>
public sealed class ContainerExportTests : IDisposable
{
    private readonly OverlayContainer _c = new();

    public void Dispose() => _c.Dispose();

    [Fact]
    public void Export_WritesTheMergedViewWithNamesRelativeToTheRoot()
    {
        File.WriteAllText(_c.P("etc/added"), "a");
        File.Delete(_c.P("etc/hostname"));
        var output = new MemoryStream();

        ContainerExport.Write(_c.Root, output);

        var entries = OverlayContainer.Entries(output.ToArray());
        Assert.Contains("etc/", entries);
        Assert.Contains("etc/added", entries);
        Assert.Contains("etc/motd", entries);
        Assert.Contains("usr/share/doc/b", entries);
        Assert.Contains("escape -> ../../../../etc/passwd", entries);
        Assert.DoesNotContain("etc/hostname", entries);
        Assert.DoesNotContain("etc/issue", entries);
        Assert.DoesNotContain("usr/share/doc/a", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith('/') || e.StartsWith("./", StringComparison.Ordinal) || e.Contains(".wh."));
    }
}
