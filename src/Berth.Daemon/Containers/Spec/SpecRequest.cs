using Berth.Daemon.Api.Models;
using Berth.Oci.Image;

namespace Berth.Daemon.Containers.Spec;

/// <summary>Everything the runtime spec of one container is made from.</summary>
/// <param name="ContainerId">The full 64-hex container ID.</param>
/// <param name="Config">The create request's config; it is merged with the image's in place.</param>
/// <param name="Host">The create request's host config.</param>
/// <param name="Image">The image's config blob, or null for none.</param>
/// <param name="RootfsPath">The container's mounted root filesystem.</param>
/// <param name="CgroupParent">The cgroup path containers go under unless the host config says otherwise.</param>
/// <param name="InitPath">The host's init binary, for a container started with --init.</param>
public sealed record SpecRequest(
    string ContainerId,
    ContainerCreateConfig Config,
    HostConfig Host,
    ImageConfig? Image,
    string RootfsPath,
    string CgroupParent = "/docker",
    string? InitPath = null);
