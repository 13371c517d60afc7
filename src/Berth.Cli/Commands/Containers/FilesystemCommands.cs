using System.Text.Json.Nodes;
using Berth.Cli.CommandLine;
using Berth.Cli.Streams;

namespace Berth.Cli.Commands.Containers;

/// <summary>`berth diff` and `berth export`: a container's filesystem changes, and its filesystem as a tar stream.</summary>
public static class FilesystemCommands
{
    /// <summary>diff: "C /etc", "A /new", "D /gone", one per change in the daemon's order (docker does not sort).</summary>
    public static async Task<int> DiffAsync(CliContext context, IReadOnlyList<string> args, string command)
    {
        var flags = Batch.Parse(new FlagSet(command), args);
        if (flags.IsOn("help")) { context.Out.Write(ContainerHelp.For(ContainerHelp.Diff, command)); return 0; }
        if (flags.Arguments.Count != 1) throw new ArgumentsError(command, "1 argument", runHint: true);
        var changes = await context.Client.GetJsonAsync($"/containers/{Uri.EscapeDataString(flags.Arguments[0])}/changes") as JsonArray ?? [];
        foreach (var change in changes.OfType<JsonObject>())
        {
            var kind = (change["Kind"]?.GetValue<int>() ?? 0) switch { 1 => "A", 2 => "D", _ => "C" };
            context.Out.WriteLine($"{kind} {change["Path"]}");
        }
        return 0;
    }

    /// <summary>export [-o FILE]: the tar stream to the file or to stdout (never to a terminal).</summary>
    public static async Task<int> ExportAsync(CliContext context, IReadOnlyList<string> args, string command)
    {
        var flags = Batch.Parse(new FlagSet(command).Value("output", 'o'), args);
        if (flags.IsOn("help")) { context.Out.Write(ContainerHelp.For(ContainerHelp.Export, command)); return 0; }
        if (flags.Arguments.Count != 1) throw new ArgumentsError(command, "1 argument", runHint: true);
        var output = flags.Get("output");
        if (output is null or "" && Terminal.IsTerminal(1))
            throw new CliError("cowardly refusing to save to a terminal. Use the -o flag or redirect", 1);
        using var response = await context.Client.OpenAsync(HttpMethod.Get, $"/containers/{Uri.EscapeDataString(flags.Arguments[0])}/export");
        await using var body = await response.Content.ReadAsStreamAsync();
        if (output is null or "")
        {
            using var stdout = StandardStreams.Open(1);
            await body.CopyToAsync(stdout);
            return 0;
        }
        // Written beside the target and renamed, so a failed export leaves no partial archive under the name.
        var temp = output + ".berth-tmp-" + Environment.ProcessId;
        try
        {
            await using (var file = File.Create(temp)) await body.CopyToAsync(file);
            File.Move(temp, output, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw new CliError($"failed to export container: {e.Message}", 1);
        }
        return 0;
    }
}
