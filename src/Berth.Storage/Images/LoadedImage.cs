using Berth.Oci.Image;

namespace Berth.Storage.Images;

/// <summary>An image a load stored: its ID, the names it now carries (empty for an untagged image), and which of
/// those names it took from another image (name → that image's ID), as docker load reports them.</summary>
public sealed record LoadedImage(Digest Id, IReadOnlyList<string> Names, IReadOnlyDictionary<string, string> Replaced);
