using System.Globalization;
using Berth.Runtime.Cgroups.Common;

namespace Berth.Runtime.Cgroups.V1;

/// <summary>
/// OOM notifications of a v1 memory cgroup: an eventfd registered through cgroup.event_control against
/// memory.oom_control. The kernel also signals the eventfd when the cgroup is removed, which ends the stream.
/// </summary>
internal static class OomNotifier
{
    /// <summary>Yields one event per OOM notification until cancelled or the cgroup is gone.</summary>
    public static IEnumerable<OomEvent> Watch(CgroupDirectory memory, CancellationToken cancellationToken)
    {
        if (!memory.Has("memory.oom_control"))
            throw new RuntimeException($"cannot watch for OOM events: {memory.FilePath("memory.oom_control")} does not exist");
        using var cancellation = new CancellationSignal(cancellationToken);
        using var events = FileDescriptor.EventFd();
        using var oomControl = FileDescriptor.OpenRead(memory.FilePath("memory.oom_control"));
        memory.Write("cgroup.event_control", string.Create(CultureInfo.InvariantCulture, $"{events.Value} {oomControl.Value}"));

        var counter = new byte[sizeof(ulong)];
        while (events.WaitReadable(cancellation.Descriptor))
        {
            events.Read(counter);
            if (!memory.Exists()) yield break;
            yield return new OomEvent(Memory.OomKillCount(memory));
        }
    }
}
