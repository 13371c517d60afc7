using Berth.CompatibilityTests.DockerdRuntime;
using Berth.CompatibilityTests.Harness;

namespace Berth.CompatibilityTests.AgainstBerthd;

/// <summary>A private berthd per test class holding the very alpine:3.20 the shared dockerd built (saved there, loaded
/// here, so both daemons give it the same image id).</summary>
public sealed class BerthdWithAlpine : IDisposable
{
    private readonly SemaphoreSlim _starting = new(1, 1);
    private BerthdProcess? _berthd;

    /// <summary>The running daemon; <see cref="StartAsync"/> must have completed.</summary>
    public BerthdProcess Daemon => _berthd ?? throw new InvalidOperationException("berthd is not started");

    /// <summary>Where the docker CLIs keep their client configuration for this daemon.</summary>
    public string ClientConfigDirectory => Path.Combine(Daemon.Directory, "client");

    /// <summary>Starts berthd and loads alpine from <paramref name="dockerd"/> once; later calls return at once.</summary>
    public async Task StartAsync(DockerdFixture dockerd)
    {
        await _starting.WaitAsync();
        try
        {
            if (_berthd is not null) return;
            var berthd = BerthdProcess.Start();
            try
            {
                Directory.CreateDirectory(Path.Combine(berthd.Directory, "client"));
                var archive = Path.Combine(berthd.Directory, "alpine.tar");
                await dockerd.Docker.RunCheckedAsync("save", "-o", archive, DockerdFixture.Image);
                _berthd = berthd;
                await Cli(DockerdFixture.DebianCliPath).RunCheckedAsync("load", "-q", "-i", archive);
                File.Delete(archive);
            }
            catch
            {
                _berthd = null;
                berthd.Dispose();
                throw;
            }
        }
        finally
        {
            _starting.Release();
        }
    }

    /// <summary>A docker CLI (by binary path) bound to this berthd.</summary>
    public DockerCli Cli(string executable) => new(executable, Daemon.SocketPath, ClientConfigDirectory);

    /// <summary>Stops berthd with every container it started.</summary>
    public void Dispose()
    {
        _berthd?.Dispose();
        _starting.Dispose();
    }
}
