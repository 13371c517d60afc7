namespace Berth.Daemon.Containers;

/// <summary>Where a container's files live: persistent ones (logs, hostname/hosts/resolv.conf, the mounted root
/// filesystem) under &lt;data-root&gt;/containers/&lt;id&gt;, the bundle under &lt;exec-root&gt;/containers/&lt;id&gt;.</summary>
public sealed class ContainerPaths(string dataRoot, string execRoot)
{
    /// <summary>The persistent folder of a container.</summary>
    public string Folder(string id) => System.IO.Path.Combine(dataRoot, "containers", id);

    /// <summary>Where the container's root filesystem is mounted while it runs.</summary>
    public string Rootfs(string id) => System.IO.Path.Combine(Folder(id), "rootfs");

    /// <summary>The container's init layer (mount points), the top lower dir of its snapshot.</summary>
    public string InitLayer(string id) => System.IO.Path.Combine(Folder(id), "init");

    /// <summary>The json-file log, named as dockerd names it.</summary>
    public string JsonLog(string id) => System.IO.Path.Combine(Folder(id), id + "-json.log");

    /// <summary>The local driver's log.</summary>
    public string LocalLog(string id) => System.IO.Path.Combine(Folder(id), "local-logs", "container.log");

    /// <summary>The OCI bundle folder (config.json) the runtime is given.</summary>
    public string Bundle(string id) => System.IO.Path.Combine(execRoot, "containers", id);

    /// <summary>The OCI runtime's state root.</summary>
    public string RuntimeRoot => System.IO.Path.Combine(execRoot, "runtime");
}
