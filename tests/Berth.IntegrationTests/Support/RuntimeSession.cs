namespace Berth.IntegrationTests.Support;

/// <summary>berth-runtime with a private --root; deletes whatever containers are left when disposed.</summary>
internal sealed class RuntimeSession : IDisposable
{
    /// <summary>The state root.</summary>
    internal string Root { get; } = Path.Combine(Path.GetTempPath(), "berth-root-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>Runs berth-runtime --root ROOT args…</summary>
    internal CommandResult Run(params string[] args) => RunWithInput(null, args);

    /// <summary>Runs berth-runtime with stdin text.</summary>
    internal CommandResult RunWithInput(string? stdin, params string[] args)
        => Command.Run(TestPaths.RuntimeBinary, ["--root", Root, .. args], stdin);

    /// <summary>The state directory of a container id.</summary>
    internal string StateDir(string id) => Path.Combine(Root, id);

    public void Dispose()
    {
        if (!Directory.Exists(Root)) return;
        foreach (var dir in Directory.GetDirectories(Root)) Run("delete", "--force", Path.GetFileName(dir));
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
