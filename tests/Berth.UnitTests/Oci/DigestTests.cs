using System.Text;
using Berth.Oci.Image;

namespace Berth.UnitTests.Oci;

public sealed class DigestTests
{
    [Fact]
    public void Of_HashesContentAsSha256()
    {
        var d = Digest.Of(Encoding.UTF8.GetBytes("hello"));
        Assert.Equal("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", d.ToString());
        Assert.Equal("2cf24dba5fb0", d.Short);
    }

    [Theory]
    [InlineData("sha256:2CF24DBA5FB0A30E26E83B2AC5B9E29E1B161E5C1FA7425E73043362938B9824")]
    [InlineData("sha512:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")]
    [InlineData("sha256:2cf24dba")]
    [InlineData("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")]
    [InlineData("")]
    public void TryParse_RefusesAnythingButLowercaseSha256(string text)
    {
        Assert.False(Digest.TryParse(text, out _));
        Assert.Contains("invalid digest", Assert.Throws<FormatException>(() => Digest.Parse(text)).Message);
    }

    [Fact]
    public void Parse_RoundTrips()
    {
        const string text = "sha256:db287cb6be81ba8a4f9bd2fe2fdae7e2bf2e1d7f4a6d2b4c8e3f4a5b6c7d8e9f";
        Assert.Equal(text, Digest.Parse(text).ToString());
    }
}
