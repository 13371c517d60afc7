using Berth.Daemon.Api;
using Berth.Daemon.Api.Handlers;
using Berth.Daemon.Api.Routing;
using Berth.Daemon.Configuration;
using Berth.Daemon.Containers;
using Berth.Daemon.Containers.Exec;
using Berth.Daemon.Containers.Health;
using Berth.Daemon.Containers.Lifecycle;
using Berth.Daemon.Containers.Monitor;
using Berth.Daemon.Containers.Runtime;
using Berth.Daemon.Containers.Spec;
using Berth.Daemon.Containers.Store;
using Berth.Daemon.Events;
using Berth.Daemon.Hosting;
using Berth.Daemon.Inventory;
using Berth.Daemon.Machine;
using Berth.Storage.Content;
using Berth.Storage.Images;
using Berth.Storage.Metadata;
using Berth.Storage.Snapshots;
using Microsoft.Extensions.Logging.Console;

namespace Berth.Daemon;

/// <summary>Builds and runs the web host from resolved settings: state on disk first, then listeners, until SIGTERM/SIGINT.</summary>
public static class DaemonHost
{
    /// <summary>Runs berthd; returns its exit code.</summary>
    public static async Task<int> RunAsync(DaemonSettings settings)
    {
        if (LibC.geteuid() != 0) throw new StartupError("berthd needs to be started with root privileges");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelHttpsConfiguration();
        ConfigureLogging(builder.Logging, settings);
        // The generic host would log "Application started" chatter and turn SIGTERM into a shutdown: keep the latter.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));

        using var bootstrapLoggers = LoggerFactory.Create(l => ConfigureLogging(l, settings));
        var log = bootstrapLoggers.CreateLogger("berthd");
        using var pidFile = PidFile.Claim(settings.PidFile);
        var dataRoot = DataRoot.Prepare(settings.DataRoot, log);
        var storage = StorageDriver.Probe(dataRoot.Path);
        if (storage.Reason != null) log.LogWarning("storage driver vfs: {Reason}", storage.Reason);

        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(dataRoot);
        builder.Services.AddSingleton(storage);
        var metadata = MetadataDb.Open(System.IO.Path.Combine(dataRoot.Path, "berth.db"));
        builder.Services.AddSingleton(new ContainerStore(metadata));
        builder.Services.AddSingleton<IContainerCounter, StoreContainerCounter>();
        var content = new ContentStore(dataRoot.Path);
        content.CleanTemp();
        var images = new ImageStore(dataRoot.Path, content, metadata);
        images.Recover();
        builder.Services.AddSingleton(metadata);
        builder.Services.AddSingleton(images);
        builder.Services.AddSingleton<IImageCounter, StoreImageCounter>();
        builder.Services.AddSingleton<EventBus>();
        builder.Services.AddSingleton<ImageEvents>();
        builder.Services.AddSingleton<EventsHandler>();
        builder.Services.AddSingleton<ImageHandlers>();
        builder.Services.AddSingleton<ImageSaveHandler>();
        builder.Services.AddSingleton<LoadHandler>();
        builder.Services.AddSingleton<InfoHandler>();
        builder.Services.AddSingleton<ImageCreateHandler>();
        builder.Services.AddSingleton<SystemDfHandler>();
        await AddContainersAsync(builder.Services, settings, dataRoot.Path, storage);
        builder.WebHost.ConfigureKestrel(k => KestrelListeners.Configure(k, settings, log));

        await using var app = builder.Build();
        var router = new Router().MapSystem();
        app.Services.GetRequiredService<InfoHandler>().Map(router);
        app.Services.GetRequiredService<ImageHandlers>().Map(router);
        app.Services.GetRequiredService<ImageSaveHandler>().Map(router);
        app.Services.GetRequiredService<ImageCreateHandler>().Map(router);
        app.Services.GetRequiredService<SystemDfHandler>().Map(router);
        app.Services.GetRequiredService<LoadHandler>().Map(router);
        app.Services.GetRequiredService<ContainerHandlers>().Map(router);
        app.Services.GetRequiredService<ExecHandlers>().Map(router);
        app.Services.GetRequiredService<StreamHandlers>().Map(router);
        app.Services.GetRequiredService<ContainerFilesHandlers>().Map(router);
        app.Services.GetRequiredService<StatsHandlers>().Map(router);
        app.Services.GetRequiredService<EventsHandler>().Map(router);
        router.MapUnimplemented();

        app.UseMiddleware<ErrorMiddleware>();
        app.UseMiddleware<ApiVersionMiddleware>();
        app.Run(router.DispatchAsync);

        try
        {
            await app.StartAsync();
        }
        catch (IOException e)
        {
            throw new StartupError($"cannot listen: {e.Message}");
        }
        foreach (var host in settings.Hosts.Where(h => h.Kind == ListenKind.Unix)) UnixSockets.Restrict(host.Path);
        var containers = app.Services.GetRequiredService<ContainerService>();
        app.Services.GetRequiredService<ExecService>();
        containers.SweepLeftovers();
        var following = containers.RunAsync(app.Lifetime.ApplicationStopping);
        await app.Services.GetRequiredService<ContainerHealth>().ResumeAsync();
        log.LogInformation("berthd {Version} ({Commit}) serving API {Min}-{Max} on {Hosts}; data root {DataRoot}, storage driver {Driver}",
            BuildInfo.Version, BuildInfo.GitCommit, ApiVersion.Minimum, ApiVersion.Maximum, string.Join(", ", settings.Hosts),
            dataRoot.Path, storage.Name);
        await app.WaitForShutdownAsync();
        try { await following; } catch (OperationCanceledException) { }
        log.LogInformation("berthd stopped");
        foreach (var host in settings.Hosts.Where(h => h.Kind == ListenKind.Unix)) File.Delete(host.Path);
        return 0;
    }

    // Containers: their store and snapshots, the OCI runtime, and berth-monitor (started here when none runs yet),
    // which keeps them running while berthd is down.
    private static async Task AddContainersAsync(IServiceCollection services, DaemonSettings settings, string dataRoot, StorageDriver storage)
    {
        Directory.CreateDirectory(settings.ExecRoot);
        var paths = new ContainerPaths(dataRoot, settings.ExecRoot);
        ISnapshotter snapshots = storage.Name == "overlay2" ? new OverlaySnapshotter(dataRoot) : new CopySnapshotter(dataRoot);
        services.AddSingleton(paths);
        services.AddSingleton(snapshots);
        services.AddSingleton(new RuntimeCli(Executables.Find("berth-runtime"), paths.RuntimeRoot));
        services.AddSingleton<IContainerMonitor>(await MonitorStarter.ConnectOrStartAsync(settings.ExecRoot, null, CancellationToken.None));
        services.AddSingleton(new RuntimeSpecBuilder(HostResources.Current(), new HostDevices()));
        services.AddSingleton<ContainerEvents>();
        services.AddSingleton<ContainerService>();
        services.AddSingleton<ExecService>();
        services.AddSingleton<HealthProbeRunner>();
        services.AddSingleton<ContainerHealth>();
        services.AddSingleton<ContainerHandlers>();
        services.AddSingleton<ExecHandlers>();
        services.AddSingleton<StreamHandlers>();
        services.AddSingleton<ContainerFilesHandlers>();
        services.AddSingleton<StatsHandlers>();
        services.AddSingleton(new Containers.Stats.ContainerStatsReader());
    }

    private static void ConfigureLogging(ILoggingBuilder logging, DaemonSettings settings)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffK ";
            o.ColorBehavior = LoggerColorBehavior.Disabled;
        });
        logging.SetMinimumLevel(settings.LogLevel);
        // ASP.NET Core's own request chatter only matters when debugging berthd itself.
        logging.AddFilter("Microsoft", settings.Debug ? LogLevel.Information : LogLevel.Warning);
    }
}
