using System.Diagnostics;

namespace Berth.IntegrationTests.Cgroups;

/// <summary>A /bin/sh script that waits for a line on stdin before it runs the rest, so a test can move it into a cgroup first.</summary>
internal sealed class ScriptProcess : IDisposable
{
    private readonly Process _process;

    public ScriptProcess(string scriptAfterRelease)
    {
        var start = new ProcessStartInfo("/bin/sh", ["-c", "read go; " + scriptAfterRelease])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(start)!;
    }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Lets the script run past its first `read`.</summary>
    public void Release()
    {
        _process.StandardInput.WriteLine("go");
        _process.StandardInput.Flush();
    }

    /// <summary>Waits for the end and returns stdout and stderr together.</summary>
    public string WaitForOutput(TimeSpan timeout)
    {
        var output = _process.StandardOutput.ReadToEndAsync();
        var error = _process.StandardError.ReadToEndAsync();
        if (!_process.WaitForExit(timeout))
            throw new TimeoutException("the script did not finish");
        return output.Result + error.Result;
    }

    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(5000);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
