using Berth.Daemon.Api.Models;
using Berth.Daemon.Containers.Spec;
using Berth.Oci.Image;
using Berth.Oci.RuntimeSpec;
using ImageContainerConfig = Berth.Oci.Image.ContainerConfig;

namespace Berth.UnitTests.Daemon.Spec;

/// <summary>A throwaway rootfs with an alpine-like /etc/passwd and /etc/group, and a builder over fixed host facts.</summary>
public sealed class SpecFixture : IDisposable
{
    public const string Id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    public string Rootfs { get; } = Directory.CreateTempSubdirectory("berth-spec-").FullName;
    public FakeDevices Devices { get; } = new();
    public RuntimeSpecBuilder Builder { get; }

    public SpecFixture()
    {
        Directory.CreateDirectory(Path.Combine(Rootfs, "etc"));
        File.WriteAllText(Path.Combine(Rootfs, "etc/passwd"),
            "root:x:0:0:root:/root:/bin/sh\nbin:x:1:1:bin:/bin:/sbin/nologin\nnobody:x:65534:65534:nobody:/:/sbin/nologin\napp:x:1000:1000::/home/app:/bin/sh\n");
        File.WriteAllText(Path.Combine(Rootfs, "etc/group"),
            "root:x:0:root\nbin:x:1:root,bin,daemon\nwheel:x:10:root\nvideo:x:27:root,app\nstaff:x:50:\napp:x:1000:\n");
        Builder = new RuntimeSpecBuilder(new HostResources(2, "0-1", "0"), Devices);
    }

    public static ImageConfig Image(ImageContainerConfig config) => new() { Os = "linux", Architecture = "amd64", Config = config };

    public static ImageConfig Alpine => Image(new ImageContainerConfig
    {
        Env = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
        Cmd = ["/bin/sh"],
    });

    /// <summary>Builds with the alpine image unless another is given.</summary>
    public Berth.Oci.RuntimeSpec.Spec Build(ContainerCreateConfig? config = null, HostConfig? host = null, ImageConfig? image = null)
        => Builder.Build(new SpecRequest(Id, config ?? new ContainerCreateConfig(), host ?? new HostConfig(), image ?? Alpine, Rootfs));

    public void Dispose() => Directory.Delete(Rootfs, recursive: true);
}

/// <summary>Host devices from a fixed table, so device rules are tested without the machine's /dev.</summary>
public sealed class FakeDevices : IHostDevices
{
    private static LinuxDevice Dev(string path, string type, long major, long minor)
        => new() { Path = path, Type = type, Major = major, Minor = minor, FileMode = 0x1B6, Uid = 0, Gid = 0 };

    public IReadOnlyList<LinuxDevice> All() => [Dev("/dev/null", "c", 1, 3), Dev("/dev/sda", "b", 8, 0), Dev("/dev/fuse", "c", 10, 229)];

    public IReadOnlyList<LinuxDevice> FromPath(string hostPath, string containerPath)
        => All().FirstOrDefault(d => d.Path == hostPath) is { } d
            ? [Dev(containerPath, d.Type, d.Major, d.Minor)]
            : throw new ContainerStartError($"error gathering device information while adding custom device \"{hostPath}\": no such file or directory");
}
