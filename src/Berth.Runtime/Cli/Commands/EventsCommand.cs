using System.Text.Json;
using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Cgroups.Stats;
using Berth.Runtime.Lifecycle;

namespace Berth.Runtime.Cli.Commands;

/// <summary>`events [--stats] [--interval 5s] ID`: one stats record, or a stream of stats and OOM events until the
/// container stops (runc's JSON lines: {"type":"stats"|"oom","id":…,"data":…}).</summary>
internal static class EventsCommand
{
    private static readonly Lock Output = new();

    internal static int Run(GlobalOptions global, IReadOnlyList<string> argv)
    {
        var args = new FlagSet().Bool("stats").Value("interval").Parse(argv);
        var id = RuntimeCommandLine.RequireId(args, "events");
        var container = Container.Load(global.Store, id);
        if (container.Status == ContainerStatus.Stopped) throw new RuntimeException("container not running");
        var cgroup = container.Cgroup;
        if (args.IsSet("stats"))
        {
            Emit("stats", id, cgroup.GetStats());
            return 0;
        }
        var interval = Duration.Parse(args.Get("interval") ?? "5s");
        using var stop = new CancellationTokenSource();
        var oomWatcher = new Thread(() =>
        {
            try { foreach (var _ in cgroup.WatchOomEvents(stop.Token)) Emit("oom", id, null); }
            catch (RuntimeException) { /* the cgroup went away with the container */ }
        }) { IsBackground = true };
        oomWatcher.Start();
        while (container.Status != ContainerStatus.Stopped)
        {
            Emit("stats", id, cgroup.GetStats());
            var until = DateTime.UtcNow + interval;
            while (DateTime.UtcNow < until && container.InitAlive) Thread.Sleep(Math.Min(100, (int)interval.TotalMilliseconds));
        }
        stop.Cancel();
        return 0;
    }

    private static void Emit(string type, string id, CgroupStats? stats)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WriteString("id", id);
            if (stats != null)
            {
                writer.WritePropertyName("data");
                JsonSerializer.Serialize(writer, stats, CgroupStatsJsonContext.Default.CgroupStats);
            }
            writer.WriteEndObject();
        }
        lock (Output)
        {
            var stdout = Console.OpenStandardOutput();
            stdout.Write(buffer.ToArray());
            stdout.Write("\n"u8);
            stdout.Flush();
        }
    }
}
