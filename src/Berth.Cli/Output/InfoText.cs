using System.Text;
using System.Text.Json.Nodes;

namespace Berth.Cli.Output;

/// <summary>`berth info` without --format: docker's Client: and Server: layout.</summary>
public static class InfoText
{
    /// <summary>The Client section.</summary>
    public static string Client(JsonObject client)
        => $"Client:\n Version:    {S(client, "Version")}\n Debug Mode: {S(client, "Debug")}\n";

    /// <summary>The Server section.</summary>
    public static string Server(JsonObject i)
    {
        var sb = new StringBuilder("\nServer:\n");
        void Line(string label, string value) => sb.Append(' ').Append(label).Append(": ").Append(value).Append('\n');
        Line("Containers", S(i, "Containers"));
        sb.Append($"  Running: {S(i, "ContainersRunning")}\n  Paused: {S(i, "ContainersPaused")}\n  Stopped: {S(i, "ContainersStopped")}\n");
        Line("Images", S(i, "Images"));
        Line("Server Version", S(i, "ServerVersion"));
        Line("Storage Driver", S(i, "Driver"));
        foreach (var pair in i["DriverStatus"]?.AsArray() ?? [])
            if (pair is JsonArray { Count: 2 } p) sb.Append($"  {p[0]}: {p[1]}\n");
        Line("Logging Driver", S(i, "LoggingDriver"));
        Line("Cgroup Driver", S(i, "CgroupDriver"));
        Line("Cgroup Version", S(i, "CgroupVersion"));
        sb.Append(" Plugins:\n");
        if (i["Plugins"] is JsonObject plugins)
            foreach (var kind in new[] { "Volume", "Network", "Authorization", "Log" })
                if (plugins[kind] is JsonArray { Count: > 0 } names) sb.Append($"  {kind}: {string.Join(' ', names)}\n");
        Line("Swarm", i["Swarm"]?["LocalNodeState"]?.ToString() ?? "");
        Line("Runtimes", string.Join(' ', (i["Runtimes"] as JsonObject ?? []).Select(p => p.Key).Order(StringComparer.Ordinal)));
        Line("Default Runtime", S(i, "DefaultRuntime"));
        Line("Runtime commit", i["RuncCommit"]?["ID"]?.ToString() ?? "");
        if (i["SecurityOptions"] is JsonArray { Count: > 0 } security)
        {
            sb.Append(" Security Options:\n");
            foreach (var option in security) sb.Append($"  {option}\n");
        }
        Line("Kernel Version", S(i, "KernelVersion"));
        Line("Operating System", S(i, "OperatingSystem"));
        Line("OSType", S(i, "OSType"));
        Line("Architecture", S(i, "Architecture"));
        Line("CPUs", S(i, "NCPU"));
        Line("Total Memory", i["MemTotal"] is JsonValue m && m.TryGetValue<long>(out var bytes) ? Units.BytesSize(bytes) : "");
        Line("Name", S(i, "Name"));
        Line("ID", S(i, "ID"));
        Line("Berth Root Dir", S(i, "DockerRootDir"));
        Line("Debug Mode", S(i, "Debug"));
        if (S(i, "Debug") == "true")
        {
            sb.Append($"  File Descriptors: {S(i, "NFd")}\n  Threads: {S(i, "NGoroutines")}\n  System Time: {S(i, "SystemTime")}\n");
            sb.Append($"  EventsListeners: {S(i, "NEventsListener")}\n");
        }
        foreach (var (key, label) in new[] { ("HttpProxy", "HTTP Proxy"), ("HttpsProxy", "HTTPS Proxy"), ("NoProxy", "No Proxy") })
            if (S(i, key).Length > 0) Line(label, S(i, key));
        Line("Experimental", S(i, "ExperimentalBuild"));
        if (i["RegistryConfig"]?["InsecureRegistryCIDRs"] is JsonArray { Count: > 0 } insecure)
        {
            sb.Append(" Insecure Registries:\n");
            foreach (var cidr in insecure) sb.Append($"  {cidr}\n");
        }
        Line("Live Restore Enabled", S(i, "LiveRestoreEnabled"));
        return sb.ToString();
    }

    private static string S(JsonObject o, string key) => o[key] switch
    {
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.True => "true",
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.False => "false",
        JsonValue v => v.ToString(),
        _ => "",
    };
}
