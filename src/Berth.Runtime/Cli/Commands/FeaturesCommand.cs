using System.Text.Json;
using Berth.Runtime.Privileges;
using Berth.Runtime.Processes;

namespace Berth.Runtime.Cli.Commands;

/// <summary>`features`: the runtime spec's features document.</summary>
internal static class FeaturesCommand
{
    /// <summary>What berth-runtime implements; unit tests hold each list against the code that accepts it.</summary>
    internal static Features Describe() => new()
    {
        Hooks = ["prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"],
        MountOptions = [.. Rootfs.MountOptions.KnownOptions],
        Linux = new LinuxFeatures
        {
            Namespaces = NamespaceTypes.Names.Where(n => n != "time").ToList(),
            Capabilities = Enumerable.Range(0, Capability.Last + 1).Select(Capability.Name).ToList(),
            Cgroup = new CgroupFeatures { V1 = true, V2 = true },
            Seccomp = new SeccompFeatures
            {
                Enabled = true,
                Actions = ["SCMP_ACT_ALLOW", "SCMP_ACT_ERRNO", "SCMP_ACT_KILL", "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD", "SCMP_ACT_LOG", "SCMP_ACT_TRACE", "SCMP_ACT_TRAP"],
                Operators = ["SCMP_CMP_EQ", "SCMP_CMP_GE", "SCMP_CMP_GT", "SCMP_CMP_LE", "SCMP_CMP_LT", "SCMP_CMP_MASKED_EQ", "SCMP_CMP_NE"],
                Archs = ["SCMP_ARCH_X86", "SCMP_ARCH_X86_64", "SCMP_ARCH_X32"],
                KnownFlags = ["SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW"],
                SupportedFlags = ["SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW"],
            },
        },
    };

    internal static int Run(GlobalOptions global, IReadOnlyList<string> argv)
    {
        new FlagSet().Parse(argv);
        var options = new JsonSerializerOptions { WriteIndented = true, IndentSize = 4 };
        Console.Out.WriteLine(JsonSerializer.Serialize(Describe(), new CliJsonContext(options).Features));
        return 0;
    }
}
