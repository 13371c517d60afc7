using System.Runtime.ExceptionServices;

namespace Berth.IntegrationTests.Seccomp;

/// <summary>Runs a test body on a dedicated thread (never the pool), since a seccomp filter stays with its thread for good.</summary>
internal static class FilteredThread
{
    internal static void Run(Action body)
    {
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try { body(); }
            catch (Exception e) { failure = ExceptionDispatchInfo.Capture(e); }
        }) { IsBackground = true, Name = "seccomp-test" };
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(30)), "the filtered thread did not finish");
        failure?.Throw();
    }
}
