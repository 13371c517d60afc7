using System.Text.Json.Nodes;
using Berth.Cli.CommandLine;

namespace Berth.Cli.Commands.Containers;

/// <summary>`berth wait`: blocks until each container stops and prints its exit code.</summary>
public static class WaitCommand
{
    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, string command = "berth wait")
    {
        var flags = Batch.Parse(new FlagSet(command), args);
        if (flags.IsOn("help")) { context.Out.Write(ContainerHelp.For(ContainerHelp.Wait, command)); return 0; }
        var status = 0;
        foreach (var name in flags.Arguments)
        {
            try
            {
                using var response = await context.Client.OpenAsync(HttpMethod.Post, $"/containers/{Uri.EscapeDataString(name)}/wait");
                context.Out.WriteLine(await StatusAsync(response));
            }
            catch (CliError e)
            {
                context.Err.WriteLine(e.Message);
                status = 1;
            }
        }
        return status;
    }

    /// <summary>The exit code a wait answer carries; its Error becomes a failure.</summary>
    public static async Task<int> StatusAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        JsonNode? answer;
        try { answer = JsonNode.Parse(body); }
        catch (System.Text.Json.JsonException) { throw new CliError("unexpected EOF", 1); }
        if (answer?["Error"]?["Message"]?.ToString() is { Length: > 0 } message) throw new CliError(message, 1);
        return (int)(answer?["StatusCode"]?.GetValue<long>() ?? 0);
    }
}
