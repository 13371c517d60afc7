using Berth.Oci.Reference;

namespace Berth.UnitTests.Oci;

public sealed class ImageReferenceTests
{
    private const string Hex = "4bcff63911fcb4448bd4fdacec207030997caf25e9bea4045fa6c8c44de311d1";
    private const string D = "sha256:" + Hex;

    [Theory]
    [InlineData("alpine", "docker.io/library/alpine:latest")]
    [InlineData("alpine:3.20", "docker.io/library/alpine:3.20")]
    [InlineData("library/alpine", "docker.io/library/alpine:latest")]
    [InlineData("docker.io/alpine", "docker.io/library/alpine:latest")]
    [InlineData("docker.io/library/alpine:edge", "docker.io/library/alpine:edge")]
    [InlineData("index.docker.io/alpine", "docker.io/library/alpine:latest")]
    [InlineData("index.docker.io/user/app:v1", "docker.io/user/app:v1")]
    [InlineData("user/app", "docker.io/user/app:latest")]
    [InlineData("user/app:1.0", "docker.io/user/app:1.0")]
    [InlineData("user/team/app", "docker.io/user/team/app:latest")]
    [InlineData("localhost/x", "localhost/x:latest")]
    [InlineData("localhost:5000/x", "localhost:5000/x:latest")]
    [InlineData("localhost:5000/ns/x:tag", "localhost:5000/ns/x:tag")]
    [InlineData("registry.example.com/a/b/c:1", "registry.example.com/a/b/c:1")]
    [InlineData("quay.io/coreos/etcd:v3.5.0", "quay.io/coreos/etcd:v3.5.0")]
    [InlineData("127.0.0.1:5000/x", "127.0.0.1:5000/x:latest")]
    [InlineData("[::1]:5000/x", "[::1]:5000/x:latest")]
    [InlineData("Registry.Example.com/x", "Registry.Example.com/x:latest")]
    [InlineData("Foo/bar", "Foo/bar:latest")]
    [InlineData("alpine:Latest", "docker.io/library/alpine:Latest")]
    [InlineData("alpine:_x.Y-1", "docker.io/library/alpine:_x.Y-1")]
    [InlineData("docker.io/a.b_c__d-e--f/g", "docker.io/a.b_c__d-e--f/g:latest")]
    [InlineData("abc_def__ghi---jkl", "docker.io/library/abc_def__ghi---jkl:latest")]
    [InlineData("foo:5000", "docker.io/library/foo:5000")]
    [InlineData("alpine@" + D, "docker.io/library/alpine@" + D)]
    [InlineData("alpine:3.20@" + D, "docker.io/library/alpine:3.20@" + D)]
    [InlineData("host:5000/ns/name:tag@" + D, "host:5000/ns/name:tag@" + D)]
    [InlineData("abcdef0123", "docker.io/library/abcdef0123:latest")]
    public void Normalize(string input, string expected)
    {
        Assert.Equal(expected, ImageReference.Normalize(input).ToString());
        Assert.True(ImageReference.TryParse(input, out var parsed));
        Assert.Equal(expected, parsed.WithDefaultTag().ToString());
    }

    [Fact]
    public void Parse_SplitsTheParts()
    {
        var r = ImageReference.Parse("host:5000/ns/name:tag@" + D);
        Assert.Equal("host:5000", r.Domain);
        Assert.Equal("ns/name", r.Path);
        Assert.Equal("tag", r.Tag);
        Assert.Equal(D, r.Digest.ToString());
        Assert.Equal("host:5000/ns/name", r.Name);

        var plain = ImageReference.Parse("alpine");
        Assert.Null(plain.Tag);
        Assert.Null(plain.Digest);
        Assert.Equal("docker.io/library/alpine", plain.ToString());
    }

    [Fact]
    public void DigestOnly_GetsNoDefaultTag()
    {
        var r = ImageReference.Normalize("alpine@" + D);
        Assert.Null(r.Tag);
        Assert.Equal(Hex, r.Digest!.Value.Hex);
    }

    [Theory]
    [InlineData("", "invalid reference format")]
    [InlineData(":tag", "invalid reference format")]
    [InlineData("Alpine", "invalid reference format: repository name (library/Alpine) must be lowercase")]
    [InlineData("UPPERCASE:latest", "invalid reference format: repository name (library/UPPERCASE) must be lowercase")]
    [InlineData("user/App", "invalid reference format: repository name (user/App) must be lowercase")]
    [InlineData("localhost:5000/Foo:tag", "invalid reference format: repository name (Foo) must be lowercase")]
    [InlineData("ubuntu:.", "invalid reference format")]
    [InlineData("alpine:bad!tag", "invalid reference format")]
    [InlineData("alpine:-tag", "invalid reference format")]
    [InlineData("alpine:", "invalid reference format")]
    [InlineData("alpine/", "invalid reference format")]
    [InlineData("/alpine", "invalid reference format")]
    [InlineData("a//b", "invalid reference format")]
    [InlineData("-alpine", "invalid reference format")]
    [InlineData("alpine-", "invalid reference format")]
    [InlineData("a..b", "invalid reference format")]
    [InlineData("a___b", "invalid reference format")]
    [InlineData("alpine@sha256:abc", "invalid reference format")]
    [InlineData("alpine@", "invalid reference format")]
    [InlineData("alpine latest", "invalid reference format")]
    // Docker accepts this as a registry-less path ("my_host.com/x" is not a valid host); Berth refuses a reference
    // that names no registry.
    [InlineData("my_host.com/x", "invalid reference format")]
    [InlineData("alpine\n", "invalid reference format")]
    [InlineData("alpine@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "invalid checksum digest length")]
    [InlineData("alpine@sha256:" + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "invalid checksum digest format")]
    [InlineData("alpine@unknown:" + Hex, "unsupported digest algorithm")]
    [InlineData(Hex, "invalid repository name (" + Hex + "), cannot specify 64-byte hexadecimal strings")]
    public void Parse_RefusesWithDockersMessage(string input, string message)
    {
        Assert.Equal(message, Assert.Throws<FormatException>(() => ImageReference.Parse(input)).Message);
        Assert.False(ImageReference.TryParse(input, out _, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void Parse_RefusesTooLongNames()
    {
        const string message = "repository name must not be more than 255 characters";
        Assert.Equal(message, Assert.Throws<FormatException>(() => ImageReference.Parse(new string('a', 256))).Message);
        // The limit counts the normalised name, "docker.io/library/" included, as Docker's does.
        Assert.Equal(message, Assert.Throws<FormatException>(() => ImageReference.Parse(new string('a', 240))).Message);
        Assert.Equal(255, ImageReference.Parse(new string('a', 255 - "docker.io/library/".Length)).Name.Length);
        var longTag = new string('t', 128);
        Assert.Equal(longTag, ImageReference.Parse("alpine:" + longTag).Tag);
        Assert.Throws<FormatException>(() => ImageReference.Parse("alpine:" + longTag + "t"));
    }

    [Fact]
    public void TryParse_NullIsInvalid() => Assert.False(ImageReference.TryParse(null, out _));

    [Fact]
    public void WithTag_ValidatesTheTag()
    {
        var r = ImageReference.Parse("alpine@" + D);
        Assert.Equal("docker.io/library/alpine:mine", r.WithTag("mine").ToString());
        Assert.Equal("invalid tag format", Assert.Throws<FormatException>(() => r.WithTag("bad tag")).Message);
        Assert.Equal("docker.io/library/alpine", r.NameOnly().ToString());
    }

    [Theory]
    [InlineData(Hex, true, true)]
    [InlineData(D, true, true)]
    [InlineData("4bcff63911fc", false, true)]
    [InlineData("sha256:4bcff6", false, true)]
    [InlineData("4BCFF63911FC", false, false)]
    [InlineData("alpine", false, false)]
    [InlineData("", false, false)]
    [InlineData(Hex + "0", false, false)]
    public void IdDetection(string text, bool looksLikeId, bool couldBePrefix)
    {
        Assert.Equal(looksLikeId, ImageReference.LooksLikeId(text));
        Assert.Equal(couldBePrefix, ImageReference.CouldBeIdPrefix(text));
    }
}
