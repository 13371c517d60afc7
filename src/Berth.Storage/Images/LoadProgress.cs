using Berth.Storage.Layers;

namespace Berth.Storage.Images;

/// <summary>Turns the reads of a layer's bytes into <see cref="LayerProgress"/> reports.</summary>
internal static class LoadProgress
{
    /// <summary>source itself when nobody listens; otherwise a stream reporting against source's length.</summary>
    public static Stream Watch(Stream source, string id, Action<LayerProgress>? progress)
    {
        if (progress is null) return source;
        var total = source.Length;
        return new CountingStream(source, (current, done) => progress(new LayerProgress(id, current, total, done)));
    }
}
