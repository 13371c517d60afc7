using System.Text.Json;
using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Lifecycle;
using Berth.Runtime.Processes;
using Berth.Runtime.Seccomp;
using static Berth.Runtime.Interop.Libc;

namespace Berth.Runtime.Init;

/// <summary>The part of a standby init (see <see cref="Lifecycle.StandbyInits"/>) before it is a container's: it warms
/// its request parsing, waits for the container's descriptors and puts them where a spawned init has them.</summary>
internal static class StandbyWait
{
    /// <summary>Writes and reads back a request shaped like a container's, so that the real one meets warm code.</summary>
    internal static void WarmUp()
    {
        var sample = new InitRequest
        {
            Id = "standby", Rootfs = "/", StateJson = "{}", Seccomp = new CompiledSeccomp { Filter = new byte[8] },
            Spec = new Spec
            {
                Process = new Process { Args = ["true"], Env = ["PATH=/bin"], Cwd = "/", Capabilities = new Capabilities { Bounding = ["CAP_KILL"] },
                    Rlimits = [new Rlimit { Type = "RLIMIT_NOFILE", Hard = 1, Soft = 1 }] },
                Root = new Root { Path = "rootfs" }, Hostname = "standby",
                Mounts = [new Mount { Destination = "/proc", Type = "proc", Source = "proc", Options = ["nosuid"] }],
                Linux = new Linux
                {
                    Namespaces = [new LinuxNamespace { Type = "pid" }], MaskedPaths = ["/proc/kcore"], ReadonlyPaths = ["/proc/sys"],
                    Devices = [new LinuxDevice { Path = "/dev/null", Type = "c", Major = 1, Minor = 3 }],
                    Sysctl = new Dictionary<string, string> { ["net.ipv4.ip_forward"] = "1" },
                },
            },
        };
        var json = JsonSerializer.Serialize(sample, RuntimeJsonContext.Default.InitRequest);
        JsonSerializer.Deserialize(json, RuntimeJsonContext.Default.InitRequest);
    }

    /// <summary>Waits for the container's batch (see <see cref="StandbyInits.WithConsoleSocket"/>) and makes its first
    /// three our 0-2; null when the runtime closed the socket instead.</summary>
    internal static Handed? TakeDescriptors(int syncFd)
    {
        Span<byte> payload = stackalloc byte[1];
        if (DescriptorBatch.Receive(syncFd, payload, "descriptors") is not var (fds, _)) return null;
        var tag = payload[0];
        var console = (tag & StandbyInits.WithConsoleSocket) != 0;
        var tree = (tag & StandbyInits.WithRootfsTree) != 0;
        if (fds.Length != 4 + (console ? 1 : 0) + (tree ? 1 : 0))
            throw new RuntimeException($"init: unexpected batch of {fds.Length} descriptors (tag {tag})");
        for (var i = 0; i < 3; i++)
        {
            Check(dup3(fds[i], i, 0), "dup2 stdio");
            close(fds[i]);
        }
        return new Handed(fds[3], console ? fds[4] : -1, tree ? fds[^1] : -1);
    }

    /// <summary>Points the request at the descriptors we received in place of inherited ones, and attaches the
    /// rootfs mount where the runtime sees it, when it came along.</summary>
    internal static void Use(InitRequest request, Handed handed)
    {
        request.FifoFd = handed.FifoFd;
        request.ConsoleSocketFd = handed.ConsoleSocketFd;
        if (handed.RootfsTreeFd < 0) return;
        AttachMountTree(handed.RootfsTreeFd, request.Rootfs);
        close(handed.RootfsTreeFd);
    }

    /// <summary>What a standby init received beyond its stdio.</summary>
    internal sealed record Handed(int FifoFd, int ConsoleSocketFd, int RootfsTreeFd);
}
