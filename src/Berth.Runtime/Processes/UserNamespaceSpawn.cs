using System.Text;
using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Lifecycle;
using static Berth.Runtime.Interop.Libc;

namespace Berth.Runtime.Processes;

/// <summary>Starts the container's init through berth-userns, the single-threaded helper that can enter or create
/// a user namespace (the kernel refuses both to a multi-threaded process). This process writes the id maps while
/// the helper waits, then learns the init's pid; the init becomes our child again through the subreaper bit.</summary>
internal static class UserNamespaceSpawn
{
    /// <summary>The helper executable, installed next to berth-runtime.</summary>
    internal static string HelperPath => Path.Combine(Path.GetDirectoryName(InitBinary.FilePath)!, "berth-userns");

    /// <summary>Joins the namespaces in join (descriptors already open, user first), unshares unshareFlags inside the
    /// user namespace, writes linux's id maps when a new user namespace is among them, and returns the init's pid;
    /// initPath is the berth-runtime to run as init; stdio the redirects of its descriptors 0-2 (null: ours).</summary>
    internal static unsafe int Start(IReadOnlyList<(int Fd, int Type)> join, int unshareFlags, Linux? linux, IReadOnlyList<string> env,
        string initPath, IReadOnlyList<(int ChildFd, int ParentFd)>? stdio)
    {
        var helper = HelperPath;
        if (!File.Exists(helper)) throw new RuntimeException($"user namespaces need {helper}, which is missing (scripts/build.sh builds it)");
        int* pair = stackalloc int[2];
        Check(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair), "socketpair");
        int ours = pair[0], theirs = pair[1];
        try
        {
            SetInheritable(theirs, true);
            foreach (var (fd, _) in join) SetInheritable(fd, true);
            var joinList = join.Count == 0 ? "-" : string.Join(',', join.Select(j => $"{j.Fd}:{j.Type:x}"));
            var helperPid = Spawn.Start(helper,
                ["berth-userns", theirs.ToString(), unshareFlags.ToString("x"), joinList, initPath, "berth-runtime", "init"], env, stdio);
            close(theirs);
            theirs = -1;
            try { return Converse(ours, helperPid, linux); }
            finally { ChildExits.Wait(helperPid); }
        }
        finally
        {
            close(ours);
            if (theirs >= 0) close(theirs);
        }
    }

    private static int Converse(int socket, int helperPid, Linux? linux)
    {
        Span<byte> kind = stackalloc byte[1];
        Span<byte> pid = stackalloc byte[sizeof(int)];
        while (true)
        {
            if (!ReadExactly(socket, kind, "read from berth-userns")) throw new RuntimeException("berth-userns exited unexpectedly");
            switch ((char)kind[0])
            {
                case 'U':
                    WriteMap(helperPid, "uid_map", linux?.UidMappings);
                    WriteMap(helperPid, "gid_map", linux?.GidMappings);
                    WriteAll(socket, "G"u8, "write to berth-userns");
                    break;
                case 'P':
                    if (!ReadExactly(socket, pid, "read from berth-userns")) throw new RuntimeException("berth-userns exited unexpectedly");
                    return BitConverter.ToInt32(pid);
                case 'E':
                    var message = new byte[512];
                    var n = ReadSome(socket, message, "read from berth-userns");
                    throw new RuntimeException(Encoding.UTF8.GetString(message, 0, n));
                default:
                    throw new RuntimeException("berth-userns: unexpected reply");
            }
        }
    }

    private static void WriteMap(int pid, string file, List<IdMapping>? mappings)
    {
        var text = new StringBuilder();
        foreach (var m in mappings ?? []) text.Append($"{m.ContainerId} {m.HostId} {m.Size}\n");
        try { File.WriteAllText($"/proc/{pid}/{file}", text.ToString()); }
        catch (IOException e) { throw new RuntimeException($"write {file} {text.ToString().Trim().Replace('\n', ',')}: {e.Message}"); }
    }
}
