using System.Text.Json;
using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Lifecycle;

namespace Berth.Runtime.Cli.Commands;

/// <summary>`list [-q] [--format table|json]`: the containers under --root.</summary>
internal static class ListCommand
{
    internal static int Run(GlobalOptions global, IReadOnlyList<string> argv)
    {
        var args = new FlagSet().Value("format", "f").Bool("quiet", "q").Parse(argv);
        var states = new List<Oci.RuntimeSpec.State>();
        foreach (var id in global.Store.Ids())
        {
            try { states.Add(Container.Load(global.Store, id).ToState()); }
            catch (RuntimeException) { /* removed while we listed */ }
        }
        if (args.IsSet("quiet"))
        {
            foreach (var s in states) Console.Out.WriteLine(s.Id);
            return 0;
        }
        switch (args.Get("format") ?? "table")
        {
            case "json":
                Console.Out.WriteLine(JsonSerializer.Serialize(states, OciJsonContext.Default.ListState));
                break;
            case "table":
                var rows = new List<string[]> { new[] { "ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER" } };
                rows.AddRange(states.Select(s => new[]
                {
                    s.Id, s.Pid.ToString(), s.Status, s.Bundle,
                    s.Created?.ToString("o") ?? "", s.Owner ?? "",
                }));
                TextTable.Write(rows);
                break;
            default:
                throw new RuntimeException($"invalid format option \"{args.Get("format")}\"");
        }
        return 0;
    }
}
