using Berth.CompatibilityTests.DockerdRuntime;
using Berth.CompatibilityTests.Harness;

namespace Berth.CompatibilityTests.AgainstBerthd;

/// <summary>Bad input through the docker CLIs: berthd answers with dockerd's messages and status codes, and nothing
/// changes (no container made, none removed, nothing written outside the container).</summary>
public sealed class BadInputTests(DockerdFixture dockerd, BerthdWithAlpine berthd) : AgainstBerthdTest(dockerd, berthd)
{
    public static TheoryData<string, string[]> RefusedCreations()
    {
        string[][] commands =
        [
            ["run", "--pull", "never", "--network", "none", "berth-nosuch-image:1"],
            ["create", "--pull", "never", "--network", "none", "berth-nosuch-image:1"],
            ["run", "--network", "none", "--memory", "12q", Image],
            ["run", "--network", "none", "--cpus", "lots", Image],
            ["run", "--network", "none", "--memory", "1k", Image],
            ["create", "--network", "none", "--cpus", "1000", Image],
            ["create", "--network", "none", "--cpuset-cpus", "99", Image],
            ["run", "--network", "none", "--restart", "sometimes", Image],
            ["run", "--network", "none", "--rm", "--restart", "always", Image],
        ];
        var data = new TheoryData<string, string[]>();
        foreach (var cli in Clis)
            foreach (var command in commands)
                data.Add(cli, command);
        return data;
    }

    [Theory]
    [MemberData(nameof(RefusedCreations))]
    public async Task RefusedCreation_SameMessageAndStatus_NoContainerMade(string cli, string[] command)
    {
        var before = await Berthd(cli).RunCheckedAsync("ps", "-aq");
        var (onDockerd, _) = await CompareAsync(cli, command);
        Check(!onDockerd.Succeeded, "dockerd accepted the bad input", onDockerd);
        Check((await Berthd(cli).RunCheckedAsync("ps", "-aq")).Stdout == before.Stdout, "berthd made a container of bad input");
    }

    [Theory]
    [MemberData(nameof(Clis))]
    public async Task UnknownImage_WithAPull_FailsLikeDockerd(string cli)
    {
        // dockerd tries the registry (unreachable here: its message names the network error); berthd has no registry
        // client. What the CLI makes of the refusal must be the same.
        string[] command = ["run", "--network", "none", "berth-nosuch-image:1"];
        var onDockerd = Dockerd(cli).RunAsync(command);
        var onBerthd = await Berthd(cli).RunAsync(command);
        var expected = await onDockerd;
        Check(expected.ExitCode == 125 && onBerthd.ExitCode == 125, "exit status", expected, onBerthd);
        Check(onBerthd.Stdout == expected.Stdout, "stdout", expected, onBerthd);
        string[] dockerdLines = expected.Stderr.Split('\n'), berthdLines = onBerthd.Stderr.Split('\n');
        Check(dockerdLines[0] == "Unable to find image 'berth-nosuch-image:1' locally" && berthdLines[0] == dockerdLines[0], "first line", expected, onBerthd);
        Check(berthdLines[1].StartsWith("docker: Error response from daemon: ", StringComparison.Ordinal), "second line", expected, onBerthd);
        Check(berthdLines[2..].SequenceEqual(dockerdLines[2..]), "the CLI's usage hint", expected, onBerthd);
    }

    [Theory]
    [MemberData(nameof(Clis))]
    public async Task RunRm_OfACommandThatCannotStart_FailsAndLeavesNoContainer(string cli)
    {
        var name = NewName();
        string[] command = ["run", "--rm", "--name", name, "--network", "none", Image, "berth-nosuch-command"];
        var onDockerd = Dockerd(cli).RunAsync(command);
        var onBerthd = await Berthd(cli).RunAsync(command);
        var expected = await onDockerd;
        // The runtimes word the failure differently; the status, the stream and the cleanup agree.
        const string notFound = "exec: \"berth-nosuch-command\": executable file not found in $PATH";
        Check(!onBerthd.TimedOut && expected.ExitCode == 127 && onBerthd.ExitCode == 127 && onBerthd.Stdout == expected.Stdout
              && expected.Stderr.Contains(notFound) && onBerthd.Stderr.Contains(notFound), "run --rm of a missing command", expected, onBerthd);
        await CompareAsync(cli, "ps", "-aq", "--filter", "name=" + name);
    }

    [Theory]
    [MemberData(nameof(Clis))]
    public async Task RemovingARunningContainer_WithoutForce_IsRefusedAndItKeepsRunning(string cli)
    {
        var name = NewName();
        await OnBothAsync(cli, "run", "-d", "--name", name, "--network", "none", Image, "sleep", "1000");
        await CompareAsync(cli, "rm", name);
        await CompareAsync(cli, "rm", "-v", name);
        await CompareAsync(cli, "inspect", "-f", "{{.State.Status}} {{.State.Running}}", name);
        await CompareAsync(cli, "exec", name, "echo", "still here");
    }

    [Theory]
    [MemberData(nameof(Clis))]
    public async Task AttachingToAStoppedContainer_IsRefused(string cli)
    {
        var (created, exited) = (NewName(), NewName());
        await OnBothAsync(cli, "create", "--name", created, "--network", "none", Image, "echo", "never");
        await OnBothAsync(cli, "run", "--name", exited, "--network", "none", Image, "true");
        await CompareAsync(cli, "attach", created);
        await CompareAsync(cli, "attach", exited);
        await CompareAsync(cli, "attach", "--no-stdin", exited);
        await CompareAsync(cli, "inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", created, exited);
    }

    [Theory]
    [MemberData(nameof(Clis))]
    public async Task CpThroughASymlinkPointingOutside_StaysInsideTheContainer(string cli)
    {
        // A host folder with a file; in the container, links that point at it from inside (relative and absolute).
        var outside = Path.Combine(WorkDirectory, "outside");
        Directory.CreateDirectory(outside);
        await File.WriteAllTextAsync(Path.Combine(outside, "secret"), "host secret\n");
        var upwards = string.Concat(Enumerable.Repeat("../", 12)) + outside.TrimStart('/');
        var name = NewName();
        await OnBothAsync(cli, "run", "-d", "--name", name, "--network", "none", Image, "sleep", "1000");
        await OnBothAsync(cli, "exec", name, "sh", "-c", $"ln -s {upwards} /up && ln -s {outside} /abs && mkdir -p /inside && ln -s ../../../../inside /tmp/back");
        var planted = Path.Combine(WorkDirectory, "planted");
        await File.WriteAllTextAsync(planted, "planted\n");
        var received = Path.Combine(WorkDirectory, "received");

        foreach (var link in new[] { "/up", "/abs" })
        {
            // Out of the container: the link resolves inside the container's root, where there is no such file.
            await CompareAsync(cli, ["cp", $"{name}:{link}/secret", received], null, oneAfterTheOther: true);
            Check(!File.Exists(received), $"cp {link}/secret brought a host file out");
            // Into the container: the copy lands inside the container's root (the link's target made there), or fails.
            await CompareAsync(cli, "cp", planted, $"{name}:{link}/planted");
            await CompareAsync(cli, "cp", planted, $"{name}:{link}/");
            Check(Directory.GetFileSystemEntries(outside).Length == 1, $"cp into {link} wrote on the host: {string.Join(", ", Directory.GetFileSystemEntries(outside))}");
        }
        // A link that stays inside is followed.
        await CompareAsync(cli, "cp", planted, $"{name}:/tmp/back/");
        await CompareAsync(cli, "exec", name, "sh", "-c", $"find / -xdev -name planted | sort; cat /inside/planted; ls -la {outside} 2>&1 | tail -n +2 | wc -l");
        Assert.Equal("host secret\n", await File.ReadAllTextAsync(Path.Combine(outside, "secret")));
    }
}
