using System.Text.Json;
using Berth.Oci.RuntimeSpec;

namespace Berth.Runtime.Bundle;

/// <summary>Reads a bundle's config.json and checks it before anything is created.</summary>
internal static class BundleLoader
{
    /// <summary>The bundle's spec and the absolute path of its root filesystem.</summary>
    internal static (Spec Spec, string Rootfs) Load(string bundle)
    {
        var configPath = Path.Combine(bundle, "config.json");
        if (!Directory.Exists(bundle)) throw new RuntimeException($"bundle {bundle} does not exist");
        if (!File.Exists(configPath)) throw new RuntimeException($"{configPath} does not exist");
        Spec spec;
        try
        {
            spec = SpecReader.Parse(File.ReadAllBytes(configPath));
        }
        catch (JsonException e)
        {
            throw new RuntimeException($"config.json is not valid: {OneLine(e.Message)}");
        }
        var rootfs = SpecValidator.Validate(spec, bundle);
        return (spec, rootfs);
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
