using System.Diagnostics;

namespace Berth.IntegrationTests.Privileges;

/// <summary>A `sleep` child to apply per-process settings to, killed on dispose.</summary>
internal sealed class ChildProcess : IDisposable
{
    private static readonly Lock InitLock = new();
    private static bool initialised;

    private readonly Process process;

    private ChildProcess(Process process) => this.process = process;

    /// <summary>The child's pid.</summary>
    public int Pid => process.Id;

    /// <summary>Starts `sleep 60` from the calling thread (so it inherits that thread's attributes).</summary>
    public static ChildProcess StartSleep()
    {
        InitialiseProcessSupport();
        return new ChildProcess(Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!);
    }

    /// <summary>Starts one trivial process, so that the runtime's child-reaping thread exists before any test thread
    /// changes its own credentials or persona (a thread created later would inherit them).</summary>
    public static void InitialiseProcessSupport()
    {
        lock (InitLock)
        {
            if (initialised)
                return;
            using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
            process.WaitForExit();
            initialised = true;
        }
    }

    /// <summary>A file under /proc/&lt;pid&gt;/.</summary>
    public string ReadProc(string name) => File.ReadAllText($"/proc/{Pid}/{name}");

    public void Dispose()
    {
        try
        {
            process.Kill();
            process.WaitForExit();
        }
        catch (InvalidOperationException) { }
        process.Dispose();
    }
}
