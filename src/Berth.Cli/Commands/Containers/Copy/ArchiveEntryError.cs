using Berth.Cli.CommandLine;

namespace Berth.Cli.Commands.Containers.Copy;

/// <summary>An archive entry that would land outside the destination, or cannot be extracted there; reported before
/// anything is written.</summary>
public sealed class ArchiveEntryError(string entry, string reason) : CliError($"refusing to extract \"{entry}\": {reason}", 1)
{
    /// <summary>The entry's name as the archive gave it.</summary>
    public string Entry { get; } = entry;
}
