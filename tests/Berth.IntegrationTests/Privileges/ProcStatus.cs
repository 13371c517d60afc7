namespace Berth.IntegrationTests.Privileges;

/// <summary>Reads fields of /proc status and stat files.</summary>
internal static class ProcStatus
{
    /// <summary>The value of a "Name:\tvalue" line, trimmed.</summary>
    public static string Field(string status, string name)
    {
        foreach (var line in status.Split('\n'))
        {
            if (line.StartsWith(name + ":", StringComparison.Ordinal))
                return line[(name.Length + 1)..].Trim();
        }
        throw new Xunit.Sdk.XunitException($"no {name} line in status");
    }

    /// <summary>Field <paramref name="number"/> (1-based, as proc(5) numbers them) of a /proc stat line.</summary>
    public static string StatField(string stat, int number)
    {
        // Fields 1 and 2 are pid and (comm), which may hold spaces; count from the closing parenthesis.
        var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return rest[number - 3];
    }
}
