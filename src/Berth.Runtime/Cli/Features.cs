using System.Text.Json.Serialization;

namespace Berth.Runtime.Cli;

/// <summary>The `features` document of the runtime spec: what this runtime implements.</summary>
internal sealed class Features
{
    [JsonPropertyName("ociVersionMin")] public string OciVersionMin { get; set; } = "1.0.0";
    [JsonPropertyName("ociVersionMax")] public string OciVersionMax { get; set; } = Oci.RuntimeSpec.SpecVersion.Current;
    [JsonPropertyName("hooks")] public List<string> Hooks { get; set; } = [];
    [JsonPropertyName("mountOptions")] public List<string> MountOptions { get; set; } = [];
    [JsonPropertyName("linux")] public LinuxFeatures Linux { get; set; } = new();
    [JsonPropertyName("annotations")] public Dictionary<string, string> Annotations { get; set; } = [];
}

/// <summary>The Linux part of `features`.</summary>
internal sealed class LinuxFeatures
{
    [JsonPropertyName("namespaces")] public List<string> Namespaces { get; set; } = [];
    [JsonPropertyName("capabilities")] public List<string> Capabilities { get; set; } = [];
    [JsonPropertyName("cgroup")] public CgroupFeatures Cgroup { get; set; } = new();
    [JsonPropertyName("seccomp")] public SeccompFeatures Seccomp { get; set; } = new();
    [JsonPropertyName("apparmor")] public EnabledFeature Apparmor { get; set; } = new();
    [JsonPropertyName("selinux")] public EnabledFeature Selinux { get; set; } = new();
    [JsonPropertyName("intelRdt")] public EnabledFeature IntelRdt { get; set; } = new();
}

/// <summary>Which cgroup flavours are supported.</summary>
internal sealed class CgroupFeatures
{
    [JsonPropertyName("v1")] public bool V1 { get; set; }
    [JsonPropertyName("v2")] public bool V2 { get; set; }
    [JsonPropertyName("systemd")] public bool Systemd { get; set; }
    [JsonPropertyName("systemdUser")] public bool SystemdUser { get; set; }
}

/// <summary>The seccomp actions, operators, architectures and flags the compiler accepts.</summary>
internal sealed class SeccompFeatures
{
    [JsonPropertyName("enabled")] public bool Enabled { get; set; }
    [JsonPropertyName("actions")] public List<string> Actions { get; set; } = [];
    [JsonPropertyName("operators")] public List<string> Operators { get; set; } = [];
    [JsonPropertyName("archs")] public List<string> Archs { get; set; } = [];
    [JsonPropertyName("knownFlags")] public List<string> KnownFlags { get; set; } = [];
    [JsonPropertyName("supportedFlags")] public List<string> SupportedFlags { get; set; } = [];
}

/// <summary>A feature that is either there or not.</summary>
internal sealed class EnabledFeature
{
    [JsonPropertyName("enabled")] public bool Enabled { get; set; }
}
