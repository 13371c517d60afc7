using System.Diagnostics;
using Berth.Runtime.Lifecycle;
using Berth.Runtime.State;

namespace Berth.Daemon.Containers.Runtime;

/// <summary>Calls the OCI runtime's command line (runc's verbs) for the operations berthd does itself; creating and
/// starting goes through berth-monitor, which must own the container's stdio.</summary>
public sealed class RuntimeCli(string path, string root)
{
    /// <summary>The runtime binary.</summary>
    public string Path { get; } = path;

    /// <summary>The runtime's state root (--root).</summary>
    public string Root { get; } = root;

    /// <summary>Sends a signal (name or number) to the container's init, or with all to every process in it.</summary>
    public Task KillAsync(string id, string signal, bool all = false)
        => RunAsync(all ? ["kill", "--all", id, signal] : ["kill", id, signal]);

    /// <summary>Whether the runtime holds state for the container: runc and berth-runtime keep &lt;root&gt;/&lt;id&gt; from
    /// create until delete.</summary>
    public bool Knows(string id) => Directory.Exists(System.IO.Path.Combine(Root, id));

    /// <summary>Deletes the runtime's container whatever its status: kills what still runs, removes its cgroup and state.
    /// This is berth-runtime's own `delete --force`, run in this process (berthd links the runtime and uses no other),
    /// because it follows every container exit and a process start costs more than the work.</summary>
    public Task DeleteAsync(string id) => Task.Run(() => Delete.Force(new StateStore(Root), id));

    /// <summary>Freezes every process of the container.</summary>
    public Task PauseAsync(string id) => RunAsync(["pause", id]);

    /// <summary>Thaws a paused container.</summary>
    public Task ResumeAsync(string id) => RunAsync(["resume", id]);

    /// <summary>Applies new resource limits from an OCI LinuxResources JSON file.</summary>
    public Task UpdateAsync(string id, string resourcesFile) => RunAsync(["update", "--resources", resourcesFile, id]);

    /// <summary>The pids of every process in the container (runc ps --format json).</summary>
    public async Task<List<int>> PidsAsync(string id)
    {
        var output = await RunAsync(["ps", "--format", "json", id]);
        return System.Text.Json.JsonSerializer.Deserialize(output, Api.ApiJsonContext.Api.ListInt32) ?? [];
    }

    private async Task<string> RunAsync(IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("--root");
        info.ArgumentList.Add(Root);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new RuntimeCallError(500, $"cannot start {Path}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            var message = (await stderr).Trim();
            throw new RuntimeCallError(500, message.Length > 0 ? message : $"{System.IO.Path.GetFileName(Path)} {args[0]} failed with status {process.ExitCode}");
        }
        return await stdout;
    }
}
