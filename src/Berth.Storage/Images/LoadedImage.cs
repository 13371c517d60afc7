using Berth.Oci.Image;

namespace Berth.Storage.Images;

/// <summary>An image a load stored: its ID and the names it now carries (empty for an untagged image).</summary>
public sealed record LoadedImage(Digest Id, IReadOnlyList<string> Names);
