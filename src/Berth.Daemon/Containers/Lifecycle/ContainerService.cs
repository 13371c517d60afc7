using Berth.Daemon.Containers.Monitor;
using Berth.Daemon.Containers.Runtime;
using Berth.Daemon.Containers.Spec;
using Berth.Daemon.Containers.Store;
using Berth.Oci.Image;
using Berth.Storage.Images;
using Berth.Storage.Snapshots;

namespace Berth.Daemon.Containers.Lifecycle;

/// <summary>The container operations behind the API: create, start, stop, kill, remove and the handling of exits.
/// Each operation holds its container's lock; every state change is stored before it is announced.</summary>
public sealed partial class ContainerService(
    ContainerStore store,
    ImageStore images,
    ISnapshotter snapshots,
    RuntimeSpecBuilder specs,
    IContainerMonitor monitor,
    RuntimeCli runtime,
    ContainerPaths paths,
    ContainerEvents events,
    Stats.ContainerStatsReader statsReader,
    ILogger<ContainerService> log)
{
    private readonly ContainerLocks _locks = new();

    /// <summary>Clients waiting for exits and removals.</summary>
    public ContainerWaits Waits { get; } = new();

    /// <summary>The container store, for read-only endpoints.</summary>
    public ContainerStore Store => store;

    /// <summary>The monitor, for stream endpoints.</summary>
    public IContainerMonitor Monitor => monitor;

    /// <summary>Where containers' files are.</summary>
    public ContainerPaths Paths => paths;

    /// <summary>The snapshotter holding containers' writable layers.</summary>
    public ISnapshotter Snapshots => snapshots;

    /// <summary>Publishes container events.</summary>
    public ContainerEvents Events => events;

    /// <summary>The OCI runtime's command line.</summary>
    public RuntimeCli Runtime => runtime;

    /// <summary>The image config a container was made from (null when the image is gone).</summary>
    public ImageConfig? ImageConfigOf(ContainerRecord c)
    {
        try { return ImageConfig.Parse(images.ReadConfig(Digest.Parse(c.Image))); }
        catch (Berth.Storage.StorageException) { return null; }
    }

    private static string Now() => Rfc3339.Format(DateTimeOffset.UtcNow);
}
