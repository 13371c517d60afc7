using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Berth.CompatibilityTests.Harness;

/// <summary>
/// One command in a pane of a private tmux server, driven as a person would: keys sent with <c>send-keys</c>, the
/// screen read with <c>capture-pane</c>. When the command ends the pane prints "[exit N]" and stays open.
/// </summary>
public sealed partial class TmuxPane : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(20);
    private readonly string _directory;
    private readonly string _socket;

    private TmuxPane(string directory)
    {
        _directory = directory;
        _socket = Path.Combine(directory, "s");
    }

    /// <summary>Starts <paramref name="arguments"/> (program first) in a new 160×48 pane with the given environment.</summary>
    public static async Task<TmuxPane> StartAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment)
    {
        // A short folder: the server's unix socket path must stay under 108 bytes.
        var pane = new TmuxPane(Directory.CreateTempSubdirectory("tmux-").FullName);
        var exports = string.Concat(environment.Where(e => e.Value is not null).Select(e => $"export {e.Key}={ShellQuoting.Quote(e.Value!)}; "));
        // The pane outlives the command so that its last screen and status can still be read.
        var shell = $"{exports}{ShellQuoting.Join(arguments)}; echo \"[exit $?]\"; exec sleep 86400";
        try
        {
            await pane.TmuxAsync("-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", "160", "-y", "48", shell);
        }
        catch
        {
            pane.Dispose();
            throw;
        }
        return pane;
    }

    /// <summary>Types <paramref name="text"/> literally, then Enter.</summary>
    public async Task SendLineAsync(string text)
    {
        await TmuxAsync("send-keys", "-t", "main", "-l", "--", text);
        await TmuxAsync("send-keys", "-t", "main", "Enter");
    }

    /// <summary>The pane's whole text, scroll-back included, with wrapped lines joined.</summary>
    public async Task<string> CaptureAsync() => (await TmuxAsync("capture-pane", "-p", "-J", "-t", "main", "-S", "-")).Stdout;

    /// <summary>Polls the screen until <paramref name="condition"/> holds; false when <paramref name="timeout"/> passes.</summary>
    public async Task<bool> WaitForAsync(Func<string, bool> condition, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!condition(await CaptureAsync()))
        {
            if (stopwatch.Elapsed > timeout) return false;
            await Task.Delay(50);
        }
        return true;
    }

    /// <summary>Waits until a screen line equals <paramref name="line"/> (trailing blanks ignored).</summary>
    public Task<bool> WaitForLineAsync(string line, TimeSpan timeout) =>
        WaitForAsync(screen => screen.Split('\n').Any(l => l.TrimEnd() == line), timeout);

    /// <summary>The command's exit status once it ended, or null when <paramref name="timeout"/> passes first.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        int? status = null;
        await WaitForAsync(screen =>
        {
            var match = ExitLine().Match(screen);
            if (match.Success) status = int.Parse(match.Groups[1].Value);
            return match.Success;
        }, timeout);
        return status;
    }

    /// <summary>Ends the tmux server and everything in it.</summary>
    public void Dispose()
    {
        ProcessRunner.RunAsync("tmux", ["-S", _socket, "kill-server"], CommandTimeout).GetAwaiter().GetResult();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<CommandResult> TmuxAsync(params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync("tmux", ["-S", _socket, .. arguments], CommandTimeout);
        if (!result.Succeeded) throw new InvalidOperationException("tmux failed\n" + result.Describe());
        return result;
    }

    [GeneratedRegex(@"^\[exit (\d+)\]\s*$", RegexOptions.Multiline)]
    private static partial Regex ExitLine();
}
