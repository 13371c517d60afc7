using System.Text.Json.Nodes;
using Berth.Cli.CommandLine;

namespace Berth.Cli.Commands.Containers;

/// <summary>`berth create`: POST /containers/create with docker 28's body; prints the new id and the daemon's warnings.
/// A missing image is pulled first, as docker does ("Unable to find image … locally").</summary>
public static class CreateCommand
{
    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, string command = "berth create")
    {
        if (args.Count > 0 && args[0] is "--help" or "-h") { context.Out.Write(ContainerHelp.For(ContainerHelp.Create, command)); return 0; }
        var options = CreateOptions.Parse(args, command, isRun: false, Environment.GetEnvironmentVariable);
        context.Out.WriteLine(await CreateAsync(context, options));
        return 0;
    }

    /// <summary>Creates the container (pulling a missing image once); its id.</summary>
    public static async Task<string> CreateAsync(CliContext context, CreateOptions options)
    {
        if (options.HealthStartInterval && await context.Client.ApiVersionAsync() is var version && Connection.ApiVersions.Compare(version, "1.44") < 0)
            throw new CliError($"\"--health-start-interval\" requires API version 1.44, but the Docker daemon API version is {version}", 1);
        using var cidFile = CidFile.Create(options.CidFile);
        JsonNode? answer;
        try
        {
            answer = await context.Client.RequestAsync(HttpMethod.Post, options.Path, options.Body);
        }
        catch (DaemonError e) when (e.StatusCode == 404 && e.DaemonMessage.StartsWith("No such image", StringComparison.OrdinalIgnoreCase))
        {
            var reference = ImageReference.WithTag(options.Image);
            await context.Err.WriteLineAsync($"Unable to find image '{reference}' locally");
            await PullAsync(context, reference);
            answer = await context.Client.RequestAsync(HttpMethod.Post, options.Path, options.Body);
        }
        foreach (var warning in answer?["Warnings"] as JsonArray ?? [])
            if (warning?.ToString() is { Length: > 0 } text) await context.Err.WriteLineAsync("WARNING: " + text);
        var id = answer?["Id"]?.ToString() ?? throw new CliError("the daemon's create answer has no Id", 1);
        cidFile?.Write(id);
        return id;
    }

    private static async Task PullAsync(CliContext context, string reference)
    {
        var (repository, tag) = ImageReference.Split(reference);
        var query = $"/images/create?fromImage={Uri.EscapeDataString(repository)}&tag={Uri.EscapeDataString(tag)}";
        string? error = null;
        await context.Client.PostStreamAsync(query, Stream.Null, "text/plain", line =>
        {
            try
            {
                var message = JsonNode.Parse(line);
                if ((message?["errorDetail"]?["message"] ?? message?["error"]) is { } e) error ??= e.ToString();
                else if (message?["status"] is { } status)
                    context.Err.WriteLine(message["id"] is { } id ? $"{id}: {status}" : status.ToString());
            }
            catch (System.Text.Json.JsonException) { }
        });
        if (error != null) throw new CliError(error, 1);
    }
}

/// <summary>Image references as the CLI shows them: a missing tag is "latest", docker.io's prefixes are dropped.</summary>
public static class ImageReference
{
    /// <summary>"alpine" → "alpine:latest"; a digest or tag is kept.</summary>
    public static string WithTag(string reference)
    {
        var familiar = reference;
        foreach (var prefix in new[] { "docker.io/library/", "index.docker.io/library/", "docker.io/", "index.docker.io/" })
            if (familiar.StartsWith(prefix, StringComparison.Ordinal)) { familiar = familiar[prefix.Length..]; break; }
        if (familiar.Contains('@')) return familiar;
        return familiar.LastIndexOf(':') > familiar.LastIndexOf('/') ? familiar : familiar + ":latest";
    }

    /// <summary>Repository and tag (or digest) of a reference with one.</summary>
    public static (string Repository, string Tag) Split(string reference)
    {
        var at = reference.IndexOf('@');
        if (at >= 0) return (reference[..at], reference[(at + 1)..]);
        var colon = reference.LastIndexOf(':');
        return (reference[..colon], reference[(colon + 1)..]);
    }
}
