using System.Text.Json;
using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Lifecycle;

namespace Berth.Runtime.Cli.Commands;

/// <summary>`state ID`: the OCI state JSON, indented like runc's.</summary>
internal static class StateCommand
{
    private static readonly OciJsonContext Indented = new(new JsonSerializerOptions
    {
        WriteIndented = true, IndentSize = 2,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    });

    internal static int Run(GlobalOptions global, IReadOnlyList<string> argv)
    {
        var id = RuntimeCommandLine.RequireId(new FlagSet().Parse(argv), "state");
        var state = Container.Load(global.Store, id).ToState();
        Console.Out.WriteLine(JsonSerializer.Serialize(state, Indented.State));
        return 0;
    }
}
