using System.Text.Json;
using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Bundle;

namespace Berth.Runtime.Cli.Commands;

/// <summary>`spec [--bundle DIR]`: writes a default config.json, refusing to overwrite one.</summary>
internal static class SpecCommand
{
    internal static int Run(GlobalOptions global, IReadOnlyList<string> argv)
    {
        var args = new FlagSet().Value("bundle", "b").Bool("rootless").Parse(argv);
        if (args.IsSet("rootless")) throw new RuntimeException("rootless specs are not supported");
        var path = Path.Combine(args.Get("bundle") ?? ".", "config.json");
        if (File.Exists(path)) throw new RuntimeException("File config.json exists. Remove it first");
        var options = new JsonSerializerOptions
        {
            WriteIndented = true, IndentCharacter = '\t', IndentSize = 1,
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        };
        File.WriteAllText(path, JsonSerializer.Serialize(DefaultSpec.Create(), new OciJsonContext(options).Spec) + "\n");
        return 0;
    }
}
