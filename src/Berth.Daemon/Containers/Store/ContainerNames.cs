using System.Text.RegularExpressions;
using Berth.Daemon.Errors;

namespace Berth.Daemon.Containers.Store;

/// <summary>Container names: dockerd's validity rule, and generated adjective_noun names (Berth's own harbour words).</summary>
public static partial class ContainerNames
{
    private static readonly string[] Adjectives =
    [
        "amber", "bold", "brisk", "calm", "clever", "cosy", "crisp", "daring", "eager", "early", "fair", "fleet", "gentle",
        "glad", "golden", "hardy", "humble", "jolly", "keen", "kind", "lively", "loyal", "lucid", "merry", "mellow", "nimble",
        "patient", "plucky", "proud", "quiet", "rapid", "sage", "salty", "serene", "silver", "sleek", "snug", "steady",
        "stout", "sunny", "swift", "tidy", "trusty", "vivid", "wary", "windy", "wise", "witty", "zesty",
    ];

    private static readonly string[] Nouns =
    [
        "anchor", "bay", "beacon", "bollard", "bosun", "bow", "buoy", "cabin", "capstan", "cargo", "cove", "crane", "current",
        "deck", "dinghy", "dock", "dolphin", "ferry", "fjord", "galley", "gull", "harbour", "hawser", "helm", "hull", "inlet",
        "jetty", "keel", "ketch", "lagoon", "lantern", "lighthouse", "mast", "mooring", "oar", "pier", "pilot", "quay",
        "reef", "rudder", "sail", "schooner", "shoal", "skiff", "slipway", "sloop", "tide", "tug", "wharf", "yawl",
    ];

    [GeneratedRegex("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$")]
    private static partial Regex Valid();

    /// <summary>The stored form of a requested name ("/" + name); 400 with dockerd's message when invalid.</summary>
    public static string Normalize(string name)
    {
        if (!Valid().IsMatch(name))
            throw new BadRequestError($"Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        return name.StartsWith('/') ? name : "/" + name;
    }

    /// <summary>A fresh name no container holds (taken answers whether one does); a number is appended after collisions.</summary>
    public static string Generate(Func<string, bool> taken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var name = $"/{Adjectives[Random.Shared.Next(Adjectives.Length)]}_{Nouns[Random.Shared.Next(Nouns.Length)]}";
            if (attempt >= 10) name += Random.Shared.Next(10);
            if (!taken(name)) return name;
        }
    }
}
