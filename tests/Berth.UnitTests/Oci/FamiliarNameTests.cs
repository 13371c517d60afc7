using Berth.Oci.Reference;

namespace Berth.UnitTests.Oci;

public sealed class FamiliarNameTests
{
    private const string D = "sha256:4bcff63911fcb4448bd4fdacec207030997caf25e9bea4045fa6c8c44de311d1";

    [Theory]
    [InlineData("docker.io/library/alpine:3.20", "alpine", "alpine:3.20")]
    [InlineData("alpine", "alpine", "alpine")]
    [InlineData("alpine:latest", "alpine", "alpine:latest")]
    [InlineData("docker.io/user/app", "user/app", "user/app")]
    [InlineData("index.docker.io/user/app:1", "user/app", "user/app:1")]
    [InlineData("docker.io/library/foo/bar", "library/foo/bar", "library/foo/bar")]
    [InlineData("localhost:5000/x:1", "localhost:5000/x", "localhost:5000/x:1")]
    [InlineData("localhost/library/x", "localhost/library/x", "localhost/library/x")]
    [InlineData("quay.io/coreos/etcd:v3", "quay.io/coreos/etcd", "quay.io/coreos/etcd:v3")]
    [InlineData("alpine@" + D, "alpine", "alpine@" + D)]
    [InlineData("user/app:v1@" + D, "user/app", "user/app:v1@" + D)]
    public void Familiar(string input, string familiarName, string familiarString)
    {
        var r = ImageReference.Parse(input);
        Assert.Equal(familiarName, r.FamiliarName);
        Assert.Equal(familiarName, r.Repository);
        Assert.Equal(familiarString, r.FamiliarString);
    }

    [Fact]
    public void FamiliarString_OfANormalisedReference_ParsesBackToIt()
    {
        foreach (var text in new[] { "alpine", "user/app:1", "localhost:5000/a/b:c", "alpine@" + D })
        {
            var r = ImageReference.Normalize(text);
            Assert.Equal(r, ImageReference.Parse(r.FamiliarString));
        }
    }
}
