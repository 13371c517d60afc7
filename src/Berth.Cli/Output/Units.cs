using System.Globalization;

namespace Berth.Cli.Output;

/// <summary>Sizes as docker's go-units prints them.</summary>
public static class Units
{
    private static readonly string[] BinarySuffixes = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

    /// <summary>Binary units with four significant digits: 25276026880 → "23.54GiB" (units.BytesSize).</summary>
    public static string BytesSize(double bytes)
    {
        var i = 0;
        while (bytes >= 1024 && i < BinarySuffixes.Length - 1)
        {
            bytes /= 1024;
            i++;
        }
        return bytes.ToString("G4", CultureInfo.InvariantCulture) + BinarySuffixes[i];
    }
}
