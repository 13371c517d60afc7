using Berth.Daemon.Api.Models;
using Berth.Daemon.Containers.Spec;
using Berth.Daemon.Containers.Store;
using Berth.Daemon.Errors;
using Berth.Oci.Image;

namespace Berth.Daemon.Containers.Lifecycle;

public sealed partial class ContainerService
{
    /// <summary>Creates a container from the request: checks it as dockerd does, merges the image's defaults in,
    /// prepares its writable layer and stores it. Nothing runs yet. Answers it with dockerd's warnings.</summary>
    public (ContainerRecord Record, List<string> Warnings) Create(ContainerCreateRequest request, string? name)
    {
        var storedName = string.IsNullOrEmpty(name) ? null : ContainerNames.Normalize(name);
        if (string.IsNullOrEmpty(request.Image)) throw new BadRequestError("No such image: ");
        var image = images.Resolve(request.Image);
        var imageConfig = ImageConfig.Parse(images.ReadConfig(image.Id));
        var host = request.HostConfig ?? new HostConfig();
        Health.HealthcheckConfig.Validate(request.Healthcheck);
        var config = CopyConfig(request);
        ConfigMerge.Apply(config, imageConfig.Config);
        var warnings = specs.Validate(config, host);
        LogOptions.Validate(host);
        RestartPolicies.Validate(host);
        if (string.IsNullOrEmpty(host.NetworkMode)) host.NetworkMode = "default";
        if (host.NetworkMode is not ("default" or "bridge" or "none" or "host"))
            throw new NotImplementedError($"network {host.NetworkMode} is not supported yet: use none, host or the default");

        var id = store.NewId();
        storedName ??= ContainerNames.Generate(store.NameTaken);
        string[] argv = [.. config.Entrypoint ?? [], .. config.Cmd ?? []];
        var folder = paths.Folder(id);
        var record = new ContainerRecord
        {
            Id = id, Name = storedName, Created = Now(), Path = argv[0], Args = [.. argv[1..]], Image = image.Record.Id,
            Config = config, HostConfig = host,
            LogPath = host.LogConfig!.Type == "json-file" ? paths.JsonLog(id) : "",
            ResolvConfPath = Path.Combine(folder, "resolv.conf"), HostnamePath = Path.Combine(folder, "hostname"),
            HostsPath = Path.Combine(folder, "hosts"),
        };
        var lowers = images.Layers(image.Record).Select(l => images.LayerPath(l.ChainId)).Reverse().ToList();
        try
        {
            InitLayer.Create(paths.InitLayer(id));
            snapshots.Prepare(id, [paths.InitLayer(id), .. lowers]);
            store.Add(record);
        }
        catch
        {
            try { snapshots.Remove(id); } catch (Berth.Storage.StorageException) { }
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            throw;
        }
        events.Publish("create", record);
        return (record, warnings);
    }

    // The stored config is the request's container part only; the host config is kept apart, as in dockerd.
    private static ContainerCreateConfig CopyConfig(ContainerCreateRequest r) => new()
    {
        Hostname = r.Hostname, Domainname = r.Domainname, User = r.User, AttachStdin = r.AttachStdin,
        AttachStdout = r.AttachStdout, AttachStderr = r.AttachStderr, ExposedPorts = r.ExposedPorts, Tty = r.Tty,
        OpenStdin = r.OpenStdin, StdinOnce = r.StdinOnce, Env = r.Env, Cmd = r.Cmd, Healthcheck = r.Healthcheck,
        Image = r.Image, Volumes = r.Volumes, WorkingDir = r.WorkingDir, Entrypoint = r.Entrypoint,
        NetworkDisabled = r.NetworkDisabled, Labels = r.Labels ?? [], StopSignal = r.StopSignal, StopTimeout = r.StopTimeout,
    };
}
