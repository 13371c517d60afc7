using Berth.CompatibilityTests.DockerdRuntime;

namespace Berth.CompatibilityTests.Cli.Containers;

/// <summary>diff, export, top, rename and container prune on a container both clients see.</summary>
public sealed class FilesystemCommandTests(DockerdFixture fixture) : CliComparison(fixture)
{
    [Fact]
    public async Task DiffTopExportRename_AgreeWithDocker()
    {
        var name = NewName("shared");
        await Fixture.Docker.RunCheckedAsync("run", "-d", "--name", name, "--network", "none", Image, "sleep", "1000");
        await Fixture.Docker.RunCheckedAsync("exec", name, "sh", "-c", "echo x > /tmp/f; rm /etc/motd; mkdir -p /a/b");
        // The daemon lists changes in map order, differently on each call: compare them as sets.
        var dockerDiff = await Docker.RunAsync("diff", name);
        var berthDiff = await BerthAsync(["diff", name]);
        Assert.Equal(0, berthDiff.ExitCode);
        Assert.Equal(dockerDiff.Stdout.Split('\n').Order(StringComparer.Ordinal), berthDiff.Stdout.Split('\n').Order(StringComparer.Ordinal));
        await CompareAsync(["top", "{name}", "-o", "pid,comm"], null, name, name);
        var (docker, berth) = await CompareAsync(["export", "{name}"], null, name, name);
        Assert.Equal(docker.Stdout.Length, berth.Stdout.Length);
        await CompareAsync(["rename", "{name}"], null, name, name);
        await CompareAsync(["rename", "berth-nosuch", "x"], null, name, name);
        await CompareAsync(["container", "prune"], "n\n");
    }
}
