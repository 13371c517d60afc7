using Berth.CompatibilityTests.DockerdRuntime;

namespace Berth.CompatibilityTests.AgainstBerthd;

/// <summary><c>docker events</c> against berthd: for the same commands, the same container events (type, action and
/// actor attributes, in order) as dockerd 20.10 reports.</summary>
public sealed class EventTests(DockerdFixture dockerd, BerthdWithAlpine berthd) : AgainstBerthdTest(dockerd, berthd)
{
    [Theory]
    [MemberData(nameof(Clis))]
    public async Task ContainerLifecycle_ReportsDockerdsEvents(string cli)
    {
        var (attached, detached, failed, image) = (NewName(), NewName(), NewName(), NewImage());
        var file = Path.Combine(WorkDirectory, "f.txt");
        await File.WriteAllTextAsync(file, "x\n");
        var since = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeSeconds().ToString();

        // The same commands, one after the other, on each daemon (the two daemons at once).
        await Task.WhenAll(Scenario(Dockerd(cli)), Scenario(Berthd(cli)));
        async Task Scenario(Harness.DockerCli docker)
        {
            var run = await docker.RunAsync("run", "--name", attached, "--network", "none", "--label", "team=berth", Image, "sh", "-c", "exit 2");
            Check(run.ExitCode == 2, "run did not pass on the exit status", run);
            await docker.RunCheckedAsync("run", "-d", "--name", detached, "--network", "none", Image, "sleep", "1000");
            await docker.RunCheckedAsync("exec", detached, "sh", "-c", "true");
            await docker.RunCheckedAsync("pause", detached);
            await docker.RunCheckedAsync("unpause", detached);
            await docker.RunCheckedAsync("top", detached);
            await docker.RunCheckedAsync("cp", file, detached + ":/tmp/");
            await docker.RunCheckedAsync("cp", detached + ":/tmp/f.txt", "-");
            await docker.RunCheckedAsync("commit", detached, image);
            var cannotStart = await docker.RunAsync("run", "--name", failed, "--network", "none", Image, "berth-nosuch-command");
            Check(cannotStart.ExitCode == 127, "run of a missing command", cannotStart);
            await docker.RunCheckedAsync("rm", attached, failed);
            await docker.RunCheckedAsync("rm", "-f", detached);
        }

        var until = DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeSeconds().ToString();
        foreach (var container in new[] { attached, detached, failed })
            await CompareAsync(cli, "events", "--since", since, "--until", until, "--filter", "type=container", "--filter", "container=" + container,
                "--format", "{{.Type}} {{.Action}} {{json .Actor.Attributes}}");
        await CompareAsync(cli, "events", "--since", since, "--until", until, "--filter", "type=container", "--filter", "event=die",
            "--filter", "label=team=berth", "--format", "{{.Action}} {{.Actor.Attributes.image}} {{.Actor.Attributes.name}} {{.Actor.Attributes.exitCode}}");
    }
}
