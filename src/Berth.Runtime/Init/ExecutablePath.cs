namespace Berth.Runtime.Init;

/// <summary>Finds the program to run the way Go's exec.LookPath does, with the same messages runc gives (dockerd
/// turns "executable file not found" and "no such file or directory" into exit status 127).</summary>
internal static class ExecutablePath
{
    private const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>The absolute path of the program named by args[0], searched in the process's PATH.</summary>
    internal static string Resolve(string name, IReadOnlyList<string> env)
    {
        if (name.Contains('/'))
        {
            Check(name, name);
            return name;
        }
        var pathVar = env.LastOrDefault(e => e.StartsWith("PATH="))?[5..] ?? DefaultPath;
        foreach (var dir in pathVar.Split(':'))
        {
            var candidate = Path.Combine(dir.Length == 0 ? "." : dir, name);
            if (IsExecutableFile(candidate)) return candidate;
        }
        throw new RuntimeException($"exec: \"{name}\": executable file not found in $PATH");
    }

    private static void Check(string name, string path)
    {
        if (Directory.Exists(path)) throw new RuntimeException($"exec: \"{name}\": is a directory");
        if (!File.Exists(path)) throw new RuntimeException($"exec: \"{name}\": stat {path}: no such file or directory");
        if (!IsExecutableFile(path)) throw new RuntimeException($"exec: \"{name}\": permission denied");
    }

    private static bool IsExecutableFile(string path)
    {
        if (!File.Exists(path)) return false;
        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }
}
