using Berth.Runtime.Interop;

namespace Berth.IntegrationTests.Privileges;

/// <summary>Runs an action on a thread of its own (never the pool), then keeps the thread alive until disposed, so
/// that other threads can inspect /proc/self/task/&lt;tid&gt; while the changed thread still exists. Changes to
/// credentials are one-way: the thread ends afterwards and takes them with it.</summary>
internal sealed class DedicatedThread : IDisposable
{
    private readonly ManualResetEventSlim applied = new();
    private readonly ManualResetEventSlim release = new();
    private readonly Thread thread;
    private Exception? failure;

    private DedicatedThread(Action action)
    {
        ChildProcess.InitialiseProcessSupport();
        thread = new Thread(() =>
        {
            Tid = Libc.PrivilegeCalls.gettid();
            try
            {
                action();
            }
            catch (Exception e)
            {
                failure = e;
            }
            applied.Set();
            release.Wait();
        }) { IsBackground = true, Name = "privileges-test" };
        thread.Start();
        applied.Wait();
    }

    /// <summary>The kernel thread id of the dedicated thread.</summary>
    public int Tid { get; private set; }

    /// <summary>Starts the thread and waits until the action has run (or failed).</summary>
    public static DedicatedThread Run(Action action) => new(action);

    /// <summary>Rethrows what the action threw, if anything.</summary>
    public void ThrowIfFailed()
    {
        if (failure is not null)
            throw new Xunit.Sdk.XunitException($"on the dedicated thread: {failure}");
    }

    /// <summary>This thread's /proc status file, read from another thread.</summary>
    public string Status() => File.ReadAllText($"/proc/self/task/{Tid}/status");

    public void Dispose()
    {
        release.Set();
        thread.Join();
    }
}
