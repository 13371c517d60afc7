using Berth.Oci.Image;

namespace Berth.Storage.Layers;

/// <summary>What unpacking a layer measured: its DiffID (sha256 of the uncompressed tar) and the bytes of regular
/// files it holds (Docker's layer size).</summary>
public sealed record LayerApplyResult(Digest DiffId, long Size);
