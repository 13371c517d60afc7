using System.Security.Cryptography;
using System.Text;

namespace Berth.Oci.Image;

/// <summary>Chain IDs (OCI image spec): the identity of a stack of layers, so that a snapshot of layers 0..n can be
/// shared by every image with the same bottom n+1 layers. ChainID(L0) = DiffID(L0); ChainID(Ln) =
/// sha256(ChainID(Ln-1) + " " + DiffID(Ln)).</summary>
public static class ChainId
{
    /// <summary>The chain ID of the whole stack (of its top layer); throws ArgumentException for no layers.</summary>
    public static Digest Of(IReadOnlyList<Digest> diffIds)
    {
        if (diffIds.Count == 0) throw new ArgumentException("a chain ID needs at least one layer", nameof(diffIds));
        var chain = diffIds[0];
        for (var i = 1; i < diffIds.Count; i++) chain = Next(chain, diffIds[i]);
        return chain;
    }

    /// <summary>The chain ID of every prefix of the stack: element i is the chain ID of layers 0..i.</summary>
    public static List<Digest> All(IReadOnlyList<Digest> diffIds)
    {
        var chains = new List<Digest>(diffIds.Count);
        for (var i = 0; i < diffIds.Count; i++)
            chains.Add(i == 0 ? diffIds[0] : Next(chains[i - 1], diffIds[i]));
        return chains;
    }

    /// <summary>The chain ID of a layer on top of a stack whose chain ID is known.</summary>
    public static Digest Next(Digest parentChainId, Digest diffId)
        => Digest.FromHash(SHA256.HashData(Encoding.ASCII.GetBytes(parentChainId + " " + diffId)));
}
