using System.Security.Cryptography;
using System.Text;
using Berth.Oci.Image;

namespace Berth.UnitTests.Oci;

public sealed class ChainIdTests
{
    private static readonly Digest A = Digest.Of("layer a"u8);
    private static readonly Digest B = Digest.Of("layer b"u8);
    private static readonly Digest C = Digest.Of("layer c"u8);

    private static string Sha256Text(string text)
        => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(text)));

    [Fact]
    public void OneLayer_IsItsDiffId()
    {
        Assert.Equal(A, ChainId.Of([A]));
        Assert.Equal([A], ChainId.All([A]));
    }

    [Fact]
    public void ThreeLayers_FollowTheSpecFormula()
    {
        var ab = Sha256Text($"{A} {B}");
        var abc = Sha256Text($"{ab} {C}");
        Assert.Equal(abc, ChainId.Of([A, B, C]).ToString());
        Assert.Equal([A.ToString(), ab, abc], ChainId.All([A, B, C]).Select(d => d.ToString()));
        Assert.Equal(abc, ChainId.Next(Digest.Parse(ab), C).ToString());
    }

    [Fact]
    public void OrderMatters() => Assert.NotEqual(ChainId.Of([A, B]), ChainId.Of([B, A]));

    [Fact]
    public void NoLayers_IsAnError()
    {
        Assert.Throws<ArgumentException>(() => ChainId.Of([]));
        Assert.Empty(ChainId.All([]));
    }
}
