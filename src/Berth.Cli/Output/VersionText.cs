using System.Text;
using System.Text.Json.Nodes;
using Berth.Cli.Connection;

namespace Berth.Cli.Output;

/// <summary>`berth version` without --format: docker's Client:/Server: layout.</summary>
public static class VersionText
{
    /// <summary>The Client section.</summary>
    public static string Client(JsonObject client)
    {
        var api = S(client, "ApiVersion");
        if (ApiVersions.Compare(api, ApiVersions.ClientMaximum) < 0) api += $" (downgraded from {ApiVersions.ClientMaximum})";
        return new StringBuilder()
            .Append("Client:\n")
            .Append($" Version:           {S(client, "Version")}\n")
            .Append($" API version:       {api}\n")
            .Append($" .NET version:      {S(client, "GoVersion")}\n")
            .Append($" Git commit:        {S(client, "GitCommit")}\n")
            .Append($" Built:             {S(client, "BuildTime")}\n")
            .Append($" OS/Arch:           {S(client, "Os")}/{S(client, "Arch")}\n")
            .ToString();
    }

    /// <summary>The Server section: the product name, then each component (the Engine in detail).</summary>
    public static string Server(JsonObject server)
    {
        var name = server["Platform"]?["Name"]?.GetValue<string>() ?? "";
        var sb = new StringBuilder("\nServer:").Append(name.Length > 0 ? " " + name : "").Append('\n');
        foreach (var component in server["Components"]?.AsArray() ?? [])
        {
            if (component is not JsonObject c) continue;
            var details = c["Details"] as JsonObject ?? [];
            sb.Append($" {S(c, "Name")}:\n").Append($"  Version:          {S(c, "Version")}\n");
            if (S(c, "Name") != "Engine")
            {
                foreach (var (key, value) in details) sb.Append($"  {key + ":",-18}{value}\n");
                continue;
            }
            sb.Append($"  API version:      {S(details, "ApiVersion")} (minimum version {S(details, "MinAPIVersion")})\n")
              .Append($"  .NET version:     {S(details, "GoVersion")}\n")
              .Append($"  Git commit:       {S(details, "GitCommit")}\n")
              .Append($"  Built:            {Dates.Ansic(S(details, "BuildTime"))}\n")
              .Append($"  OS/Arch:          {S(details, "Os")}/{S(details, "Arch")}\n")
              .Append($"  Experimental:     {S(details, "Experimental")}\n");
        }
        return sb.ToString();
    }

    private static string S(JsonObject o, string key) => o[key] is JsonValue v ? v.ToString() : "";
}
