using System.Text.Json;
using System.Text.RegularExpressions;
using Berth.Runtime.Init;

namespace Berth.Runtime.State;

/// <summary>The runtime's state root (--root): one directory per container holding state.json and, until
/// `start`, the exec fifo. Writes are atomic (temp file + rename).</summary>
internal sealed partial class StateStore(string root)
{
    /// <summary>The default --root, like runc's /run/runc.</summary>
    internal const string DefaultRoot = "/run/berth-runtime";
    // Not runc's "state.json": dockerd gives every runtime the same --root, so runc may share the directory.
    private const string RecordFile = "berth-state.json";
    /// <summary>The fifo the init blocks on until `start` opens it.</summary>
    internal const string FifoName = "exec.fifo";

    /// <summary>The state root.</summary>
    internal string Root { get; } = root;

    [GeneratedRegex(@"^[\w+\-.]+$")]
    private static partial Regex IdPattern();

    /// <summary>The state directory of a container id.</summary>
    internal string DirectoryOf(string id)
    {
        if (id.Length == 0) throw new RuntimeException("container id cannot be empty");
        if (!IdPattern().IsMatch(id) || id is "." or "..") throw new RuntimeException($"invalid container id format: {id}");
        return Path.Combine(Root, id);
    }

    /// <summary>Creates the state directory of a new container; fails if the id is taken.</summary>
    internal string Reserve(string id)
    {
        var dir = DirectoryOf(id);
        Directory.CreateDirectory(Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (Directory.Exists(dir)) throw new RuntimeException($"container with id exists: {id}");
        // 0711 like runc: others may traverse to the exec fifo but not list the directory.
        Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        return dir;
    }

    /// <summary>Writes the record atomically.</summary>
    internal void Save(ContainerRecord record)
    {
        var dir = DirectoryOf(record.Id);
        var temp = Path.Combine(dir, $".{RecordFile}.{Environment.ProcessId}");
        using (var stream = new FileStream(temp, new FileStreamOptions
        {
            Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        {
            // Rename makes the write atomic for any process crash. No fsync: this state describes processes, which
            // a power loss ends too, and it normally lives on tmpfs (/run); fsync would cost milliseconds per start.
            JsonSerializer.Serialize(stream, record, RuntimeJsonContext.Default.ContainerRecord);
        }
        File.Move(temp, Path.Combine(dir, RecordFile), overwrite: true);
    }

    /// <summary>Loads a container's record; "container does not exist" (runc's wording, which containerd matches).</summary>
    internal ContainerRecord Load(string id)
    {
        var path = Path.Combine(DirectoryOf(id), RecordFile);
        if (!File.Exists(path)) throw new RuntimeException("container does not exist");
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize(stream, RuntimeJsonContext.Default.ContainerRecord)
            ?? throw new RuntimeException($"state of {id} is corrupt");
    }

    /// <summary>The ids of all containers with a record.</summary>
    internal IEnumerable<string> Ids()
        => Directory.Exists(Root)
            ? Directory.EnumerateDirectories(Root).Where(d => File.Exists(Path.Combine(d, RecordFile))).Select(Path.GetFileName).OfType<string>().Order()
            : [];

    /// <summary>Removes a container's state directory.</summary>
    internal void Remove(string id)
    {
        var dir = DirectoryOf(id);
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }
}
