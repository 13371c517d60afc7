using System.Formats.Tar;
using Berth.Storage.Interop;
using Berth.Storage.Layers;

namespace Berth.Storage.Containers;

/// <summary>GET /containers/{id}/export: the container's mounted root filesystem as one tar, entries named relative
/// to the root ("bin/", "bin/sh", ".dockerenv") without the root itself, as dockerd writes it.</summary>
public static class ContainerExport
{
    /// <summary>Writes the tree under rootfs (the container's mounted root) to output (left open).</summary>
    public static void Write(string rootfs, Stream output)
    {
        if (Fs.Lstat(rootfs) is not { IsDirectory: true })
            throw new StorageException(500, $"cannot export {rootfs}: the container's root filesystem is not mounted");
        using var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
        new TreeTarWriter(writer, overlayMarkers: false).WriteChildren(rootfs, "");
    }
}
