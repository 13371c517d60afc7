using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Berth.Cli.Commands.Containers;

/// <summary>The zero values the docker CLI 28 writes into every POST /containers/create body, so Berth sends the same
/// fields (Go's non-omitempty ones) with the same nulls, empty lists and -1 swappiness.</summary>
public static class CreateBodyTemplate
{
    /// <summary>Config's fields before any flag is applied.</summary>
    public static JsonObject Config() => Parse("""
        {"Hostname":"","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"Tty":false,
         "OpenStdin":false,"StdinOnce":false,"Env":null,"Cmd":null,"Image":"","Volumes":{},"WorkingDir":"","Entrypoint":null,
         "OnBuild":null,"Labels":{}}
        """);

    /// <summary>HostConfig's fields before any flag is applied.</summary>
    public static JsonObject HostConfig() => Parse("""
        {"Binds":null,"ContainerIDFile":"","LogConfig":{"Type":"","Config":{}},"NetworkMode":"default","PortBindings":{},
         "RestartPolicy":{"Name":"no","MaximumRetryCount":0},"AutoRemove":false,"VolumeDriver":"","VolumesFrom":null,
         "ConsoleSize":[0,0],"CapAdd":null,"CapDrop":null,"CgroupnsMode":"","Dns":[],"DnsOptions":[],"DnsSearch":[],
         "ExtraHosts":null,"GroupAdd":null,"IpcMode":"","Cgroup":"","Links":null,"OomScoreAdj":0,"PidMode":"","Privileged":false,
         "PublishAllPorts":false,"ReadonlyRootfs":false,"SecurityOpt":null,"UTSMode":"","UsernsMode":"","ShmSize":0,
         "Isolation":"","CpuShares":0,"Memory":0,"NanoCpus":0,"CgroupParent":"","BlkioWeight":0,"BlkioWeightDevice":[],
         "BlkioDeviceReadBps":[],"BlkioDeviceWriteBps":[],"BlkioDeviceReadIOps":[],"BlkioDeviceWriteIOps":[],"CpuPeriod":0,
         "CpuQuota":0,"CpuRealtimePeriod":0,"CpuRealtimeRuntime":0,"CpusetCpus":"","CpusetMems":"","Devices":[],
         "DeviceCgroupRules":null,"DeviceRequests":null,"MemoryReservation":0,"MemorySwap":0,"MemorySwappiness":-1,
         "OomKillDisable":false,"PidsLimit":0,"Ulimits":[],"CpuCount":0,"CpuPercent":0,"IOMaximumIOps":0,
         "IOMaximumBandwidth":0,"MaskedPaths":null,"ReadonlyPaths":null}
        """);

    /// <summary>The endpoint the CLI attaches to the "default" network when no --network is given.</summary>
    public static JsonObject DefaultEndpoint() => Parse("""
        {"IPAMConfig":null,"Links":null,"Aliases":null,"MacAddress":"","DriverOpts":null,"GwPriority":0,"NetworkID":"",
         "EndpointID":"","Gateway":"","IPAddress":"","IPPrefixLen":0,"IPv6Gateway":"","GlobalIPv6Address":"",
         "GlobalIPv6PrefixLen":0,"DNSNames":null}
        """);

    /// <summary>Serializer settings matching Go's encoding (no escaping of '<', '>', '&' or non-ASCII).</summary>
    public static JsonSerializerOptions Json { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonObject Parse(string json) => (JsonObject)JsonNode.Parse(json)!;
}
