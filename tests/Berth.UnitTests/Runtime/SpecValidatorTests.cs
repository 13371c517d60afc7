using Berth.Oci.RuntimeSpec;
using Berth.Runtime;
using Berth.Runtime.Bundle;

namespace Berth.UnitTests.Runtime;

public sealed class SpecValidatorTests : IDisposable
{
    private readonly string _bundle = Directory.CreateTempSubdirectory("berth-bundle").FullName;

    public SpecValidatorTests() => Directory.CreateDirectory(Path.Combine(_bundle, "rootfs"));

    public void Dispose() => Directory.Delete(_bundle, recursive: true);

    private static Spec Valid()
    {
        var spec = DefaultSpec.Create();
        spec.Process!.Terminal = false;
        return spec;
    }

    private string Fails(Action<Spec> change)
    {
        var spec = Valid();
        change(spec);
        return Assert.Throws<RuntimeException>(() => SpecValidator.Validate(spec, _bundle)).Message;
    }

    [Fact]
    public void Validate_AcceptsTheDefaultSpec()
        => Assert.Equal(Path.Combine(_bundle, "rootfs"), SpecValidator.Validate(Valid(), _bundle));

    [Fact]
    public void Validate_NamesTheProblem()
    {
        Assert.Contains("rootfs", Fails(s => s.Root!.Path = "missing"));
        Assert.Contains("args must not be empty", Fails(s => s.Process!.Args = []));
        Assert.Contains("unknown namespace type \"bogus\"", Fails(s => s.Linux!.Namespaces!.Add(new LinuxNamespace { Type = "bogus" })));
        Assert.Contains("more than once", Fails(s => s.Linux!.Namespaces!.Add(new LinuxNamespace { Type = "pid" })));
        Assert.Contains("UTS namespace", Fails(s => s.Linux!.Namespaces!.RemoveAll(n => n.Type == "uts")));
        Assert.Contains("absolute", Fails(s => s.Process!.Cwd = "relative"));
        Assert.Contains("ociVersion", Fails(s => s.OciVersion = "2.0.0"));
        Assert.Contains("NAME=VALUE", Fails(s => s.Process!.Env!.Add("JUSTANAME")));
        Assert.Contains("network namespace", Fails(s =>
        {
            s.Linux!.Namespaces!.RemoveAll(n => n.Type == "network");
            s.Linux.Sysctl = new() { ["net.ipv4.ip_forward"] = "1" };
        }));
        Assert.Contains("not in a separate kernel namespace", Fails(s => s.Linux!.Sysctl = new() { ["vm.swappiness"] = "1" }));
    }
}
