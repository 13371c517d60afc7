using System.Buffers.Binary;
using Berth.Runtime.Cgroups.Common;
using static Berth.Runtime.Interop.Libc.Cgroupfs;

namespace Berth.Runtime.Cgroups.V2;

/// <summary>
/// OOM kills in a v2 cgroup: inotify on memory.events (the kernel signals a modification when a counter changes);
/// an event is reported whenever oom_kill grows. The watch ends when the file goes away with the cgroup.
/// </summary>
internal static class OomNotifier
{
    /// <summary>Yields one event per increase of oom_kill until cancelled or the cgroup is gone.</summary>
    public static IEnumerable<OomEvent> Watch(CgroupDirectory directory, CancellationToken cancellationToken)
    {
        string eventsFile = directory.FilePath("memory.events");
        if (!directory.Has("memory.events"))
            throw new RuntimeException($"cannot watch for OOM events: {eventsFile} does not exist (is the memory controller enabled?)");
        using var cancellation = new CancellationSignal(cancellationToken);
        using var inotify = FileDescriptor.From(inotify_init1(IN_CLOEXEC), "inotify_init1");
        Interop.Libc.Check(inotify_add_watch(inotify.Value, eventsFile, IN_MODIFY | IN_DELETE_SELF), $"watch {eventsFile}");

        ulong last = Memory.OomKillCount(directory);
        var buffer = new byte[4096];
        while (inotify.WaitReadable(cancellation.Descriptor))
        {
            bool gone = WatchEnded(buffer.AsSpan(0, inotify.Read(buffer)));
            ulong count = directory.Has("memory.events") ? Memory.OomKillCount(directory) : last;
            if (count > last)
            {
                last = count;
                yield return new OomEvent(count);
            }
            if (gone || !directory.Exists()) yield break;
        }
    }

    /// <summary>Whether the inotify records (struct inotify_event: wd, mask, cookie, len, name) say the file went away.</summary>
    private static bool WatchEnded(ReadOnlySpan<byte> records)
    {
        while (records.Length >= 16)
        {
            uint mask = BinaryPrimitives.ReadUInt32LittleEndian(records[4..]);
            int nameLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(records[12..]);
            if ((mask & (IN_IGNORED | IN_DELETE_SELF)) != 0) return true;
            records = records[Math.Min(records.Length, 16 + nameLength)..];
        }
        return false;
    }
}
