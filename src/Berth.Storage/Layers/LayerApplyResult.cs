using Berth.Oci.Image;

namespace Berth.Storage.Layers;

/// <summary>What unpacking a layer measured: its DiffID (sha256 of the uncompressed tar). Its size, by Docker's
/// rule, is <see cref="LayerSize"/> of the unpacked folder.</summary>
public sealed record LayerApplyResult(Digest DiffId);
