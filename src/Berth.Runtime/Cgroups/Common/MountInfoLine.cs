using System.Text;

namespace Berth.Runtime.Cgroups.Common;

/// <summary>The fields of one /proc/&lt;pid&gt;/mountinfo line the cgroup layout needs.</summary>
internal sealed record MountInfoLine(string Root, string MountPoint, string FileSystemType, string SuperOptions)
{
    /// <summary>Parses a line ("36 25 0:31 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory"); null if malformed.</summary>
    public static MountInfoLine? TryParse(string line)
    {
        int separator = line.IndexOf(" - ", StringComparison.Ordinal);
        if (separator < 0) return null;
        var before = line[..separator].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var after = line[(separator + 3)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (before.Length < 6 || after.Length < 3) return null;
        return new MountInfoLine(Unescape(before[3]), Unescape(before[4]), after[0], after[2]);
    }

    /// <summary>Undoes the kernel's octal escapes of space, tab, newline and backslash ("\040").</summary>
    private static string Unescape(string field)
    {
        if (!field.Contains('\\')) return field;
        var text = new StringBuilder(field.Length);
        for (int i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && IsOctal(field[i + 1]) && IsOctal(field[i + 2]) && IsOctal(field[i + 3]))
            {
                text.Append((char)((field[i + 1] - '0') * 64 + (field[i + 2] - '0') * 8 + (field[i + 3] - '0')));
                i += 3;
            }
            else
            {
                text.Append(field[i]);
            }
        }
        return text.ToString();
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';
}
