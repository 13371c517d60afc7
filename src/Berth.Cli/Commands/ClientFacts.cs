using System.Text.Json.Nodes;
using Berth.Cli.Connection;

namespace Berth.Cli.Commands;

/// <summary>The client half of `version` and `info`, shaped like the docker CLI's own (so formats written for docker work).</summary>
public static class ClientFacts
{
    /// <summary>The Client object of `berth version`; apiVersion is the negotiated one when the daemon answered.</summary>
    public static JsonObject Version(string? apiVersion) => new()
    {
        ["Version"] = BuildInfo.Version,
        ["ApiVersion"] = apiVersion ?? ApiVersions.ClientMaximum,
        ["DefaultAPIVersion"] = ApiVersions.ClientMaximum,
        ["GitCommit"] = BuildInfo.GitCommit,
        ["GoVersion"] = BuildInfo.RuntimeVersion,
        ["Os"] = "linux",
        ["Arch"] = BuildInfo.GoArch,
        ["BuildTime"] = Output.Dates.Ansic(BuildInfo.BuildTime),
    };

    /// <summary>The ClientInfo object of `berth info`.</summary>
    public static JsonObject Info(bool debug) => new()
    {
        ["Debug"] = debug,
        ["Version"] = BuildInfo.Version,
        ["GitCommit"] = BuildInfo.GitCommit,
        ["GoVersion"] = BuildInfo.RuntimeVersion,
        ["Os"] = "linux",
        ["Arch"] = BuildInfo.GoArch,
        ["BuildTime"] = Output.Dates.Ansic(BuildInfo.BuildTime),
        ["Plugins"] = new JsonArray(),
        ["Warnings"] = null,
    };
}
