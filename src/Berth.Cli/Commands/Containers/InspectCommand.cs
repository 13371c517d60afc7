using System.Text.Json.Nodes;
using Berth.Cli.CommandLine;
using Berth.Cli.Output;
using Berth.Cli.Templates;

namespace Berth.Cli.Commands.Containers;

/// <summary>`berth inspect` / `container inspect`: the daemon's JSON for containers (then images, without --type),
/// indented as docker indents it, or put through --format.</summary>
public static class InspectCommand
{
    /// <summary>Runs the command; kind is "container" for `container inspect`, else null.</summary>
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, string command = "berth inspect", string? kind = null)
    {
        var flagSet = new FlagSet(command).Value("format", 'f').Bool("size", 's');
        if (kind == null) flagSet.Value("type");
        var flags = Batch.Parse(flagSet, args);
        if (flags.IsOn("help")) { context.Out.Write(kind == null ? ContainerHelp.Inspect : ContainerHelp.ContainerInspectHelp); return 0; }
        kind ??= flags.Get("type") is { Length: > 0 } t ? t : null;
        if (kind is not (null or "container" or "image"))
            throw new CliError($"\"{kind}\" is not a valid value for --type", 1);
        var format = flags.Get("format");
        var template = format is null or "" or "json" ? null : Template.Parse(format.Replace("\\t", "\t").Replace("\\n", "\n"));
        var found = new List<string>();
        var status = 0;
        foreach (var name in flags.Arguments)
        {
            var raw = await FindAsync(context, name, kind, flags.IsOn("size"));
            if (raw == null)
            {
                status = 1;
                continue;
            }
            if (template != null) context.Out.WriteLine(template.Execute(JsonNode.Parse(raw)));
            else found.Add(raw.Trim());
        }
        if (template == null) context.Out.WriteLine(JsonIndent.Indent("[" + string.Join(",", found) + "]"));
        return status;

        async Task<string?> FindAsync(CliContext context, string name, string? kind, bool size)
        {
            var escaped = Uri.EscapeDataString(name);
            foreach (var (type, path) in new[] { ("container", $"/containers/{escaped}/json" + (size ? "?size=1" : "")), ("image", $"/images/{escaped}/json") })
            {
                if (kind != null && kind != type) continue;
                try
                {
                    using var response = await context.Client.OpenAsync(HttpMethod.Get, path);
                    return await response.Content.ReadAsStringAsync();
                }
                catch (DaemonError e) when (e.StatusCode == 404)
                {
                    if (kind != null) { context.Err.WriteLine(e.Message); return null; }
                }
            }
            context.Err.WriteLine("Error: No such object: " + name);
            return null;
        }
    }
}
