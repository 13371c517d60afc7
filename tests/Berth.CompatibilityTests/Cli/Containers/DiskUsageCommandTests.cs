using Berth.CompatibilityTests.DockerdRuntime;

namespace Berth.CompatibilityTests.Cli.Containers;

/// <summary>`system df` with a running container (with a volume and a written file) and a stopped one: the summary's
/// rows and -v's container and volume tables as docker 28 prints them.</summary>
public sealed class DiskUsageCommandTests(DockerdFixture fixture) : CliComparison(fixture)
{
    public static TheoryData<string[]> Lines => new()
    {
        { ["system", "df"] },
        { ["system", "df", "--format", "json"] },
        { ["system", "df", "--format", "{{.Type}}: {{.TotalCount}} {{.Active}} {{.Reclaimable}}"] },
        { ["system", "df", "-v"] },
        { ["system", "df", "-v", "--format", "{{range .Containers}}{{.Names}} {{.Size}} {{.LocalVolumes}}\n{{end}}{{range .Volumes}}{{.Links}} {{.Size}}{{end}}"] },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public async Task DiskUsage_PrintsWhatDockerPrints(string[] arguments)
    {
        var running = NewName("running");
        var stopped = NewName("stopped");
        await Fixture.Docker.RunCheckedAsync("run", "-d", "--name", running, "--network", "none", "-v", running + ":/data", Image,
            "sh", "-c", "echo volume > /data/file; echo layer > /file; sleep 300");
        await Fixture.Docker.RunCheckedAsync("create", "--name", stopped, "--network", "none", Image, "true");
        // The files exist before either client looks.
        await Fixture.Docker.RunCheckedAsync("exec", running, "sh", "-c", "while [ ! -s /file ] || [ ! -s /data/file ]; do sleep 0.1; done");
        try
        {
            var (docker, berth) = await CompareAsync(arguments);
            Assert.Equal(0, docker.ExitCode);
            if (arguments is ["system", "df"]) Assert.Contains("Containers", berth.Stdout);
        }
        finally
        {
            await Fixture.Docker.RunAsync("rm", "-f", running, stopped);
            await Fixture.Docker.RunAsync("volume", "rm", running);
        }
    }
}
