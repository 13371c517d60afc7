using Berth.Oci.Image;
using Berth.Oci.Reference;
using Berth.Storage.Layers;

namespace Berth.Storage.Archive;

/// <summary>One layer of an image being saved: its original tar, rebuilt from the unpacked layer and its tar-split.</summary>
public sealed record ExportedLayer(LayerTarSplit Tar)
{
    /// <summary>The layer's DiffID, which is also its blob's digest in the archive (the tar is stored uncompressed).</summary>
    public Digest DiffId => Tar.DiffId;
}

/// <summary>One image being saved: its exact config, when it was made, its layers from the base up, and its tags.</summary>
public sealed record ExportedImage(byte[] Config, DateTimeOffset Created, IReadOnlyList<ExportedLayer> Layers, IReadOnlyList<ImageReference> Tags)
{
    /// <summary>The image ID (the config's digest).</summary>
    public Digest Id => ImageConfig.IdOf(Config);
}

/// <summary>The images a `save` selected, ready to be written as one tarball.</summary>
public sealed record ImageExport(IReadOnlyList<ExportedImage> Images)
{
    /// <summary>Writes the tarball (<see cref="ImageArchiveWriter"/>) to output.</summary>
    public void WriteTo(Stream output) => ImageArchiveWriter.Write(this, output);
}
