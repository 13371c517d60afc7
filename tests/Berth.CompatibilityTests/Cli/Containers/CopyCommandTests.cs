using System.Text;
using System.Text.RegularExpressions;
using Berth.CompatibilityTests.DockerdRuntime;
using Berth.CompatibilityTests.Harness;

namespace Berth.CompatibilityTests.Cli.Containers;

/// <summary>cp in both directions on one container: each client copies into its own host folder and its own folder
/// in the container, and the outputs, exit codes and the resulting trees must agree.</summary>
public sealed partial class CopyCommandTests(DockerdFixture fixture) : CliComparison(fixture), IDisposable
{
    private readonly string _dockerDir = Directory.CreateTempSubdirectory("berth-cp-docker-").FullName;
    private readonly string _berthDir = Directory.CreateTempSubdirectory("berth-cp-berth-").FullName;

    /// <summary>Removes both host folders.</summary>
    public void Dispose()
    {
        Directory.Delete(_dockerDir, recursive: true);
        Directory.Delete(_berthDir, recursive: true);
    }

    private async Task<string> StartContainerAsync()
    {
        var name = NewName("cp");
        await Fixture.Docker.RunCheckedAsync("run", "-d", "--name", name, "--network", "none", Image, "sleep", "1000");
        await Fixture.Docker.RunCheckedAsync("exec", name, "sh", "-c",
            "mkdir -p /d/sub /w/docker /w/berth && echo hi > /d/a && echo x > /d/sub/b && chmod 600 /d/sub/b && ln -s /etc/passwd /d/link && ln /d/a /d/hard");
        return name;
    }

    /// <summary>Runs a shell command line with each client: $CLI is the client, {dir} its host folder, {cdir} its
    /// folder in the container, {c} the container; the folders are normalised away before comparing.</summary>
    private async Task<(CommandResult Docker, CommandResult Berth)> CompareShellAsync(string script, string container)
    {
        var docker = await ShellAsync(script, container, "docker", _dockerDir, Docker.Executable, Docker.Environment);
        var berth = await ShellAsync(script, container, "berth", _berthDir, BerthdProcess.Binary("berth"), BerthEnvironment);
        AssertSame(docker, berth);
        return (docker, berth);
    }

    private static async Task<CommandResult> ShellAsync(string script, string container, string client, string dir, string cli,
        IReadOnlyDictionary<string, string?> environment)
    {
        var line = script.Replace("{dir}", dir).Replace("{cdir}", "/w/" + client).Replace("{c}", container);
        var withCli = new Dictionary<string, string?>(environment) { ["CLI"] = cli };
        var result = await ProcessRunner.RunAsync("/bin/sh", ["-c", line], TimeSpan.FromSeconds(60), withCli);
        string Clean(string text) => LogrusLine().Replace(text.Replace(dir, "<dir>").Replace("/w/" + client, "<cdir>"), "");
        return result with { Stdout = Clean(result.Stdout), Stderr = Clean(result.Stderr) };
    }

    // docker's client logs its abandoned tar writer ("Can't add file … to tar") when the copy fails, if its goroutine
    // gets that far before exiting: a race, not part of the answer.
    [GeneratedRegex("^time=\"[^\"]*\" level=error msg=.*\n", RegexOptions.Multiline)]
    private static partial Regex LogrusLine();

    /// <summary>Every entry under a host folder: type, permissions, size (files), link target, modification time.</summary>
    private static string HostTree(string root)
    {
        var text = new StringBuilder();
        foreach (var path in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(path);
            var kind = info.LinkTarget != null ? "l " + info.LinkTarget : Directory.Exists(path) ? "d" : $"f {info.Length} {info.LastWriteTimeUtc:O}";
            text.AppendLine($"{Path.GetRelativePath(root, path)} {kind} {File.GetUnixFileMode(path)}");
        }
        return text.ToString();
    }

    [Fact]
    public async Task FromContainer_FilesDirectoriesAndContents_AgreeWithDocker()
    {
        var c = await StartContainerAsync();
        await CompareShellAsync("$CLI cp {c}:/d/a {dir}/a.txt", c);
        await CompareShellAsync("$CLI cp {c}:/d {dir}/out1", c);
        await CompareShellAsync("$CLI cp {c}:/d/. {dir}/out2", c);
        await CompareShellAsync("$CLI cp {c}:/d {dir}/out1", c);
        await CompareShellAsync("$CLI cp {c}:/d/a {dir}/out2/", c);
        await CompareShellAsync("$CLI cp {c}:/d/a {dir}/a.txt", c);
        await CompareShellAsync("$CLI cp -L {c}:/d/link {dir}/followed", c);
        await CompareShellAsync("$CLI cp -q {c}:/d/link {dir}/kept", c);
        Assert.Equal(HostTree(_dockerDir), HostTree(_berthDir));
        Assert.Contains("out1/d/sub/b f 2", HostTree(_berthDir));
        await CompareShellAsync("stat -c '%n %h' {dir}/out1/d/a {dir}/out1/d/hard", c);
    }

    [Fact]
    public async Task FromContainer_Errors_AgreeWithDocker()
    {
        var c = await StartContainerAsync();
        await CompareShellAsync("$CLI cp {c}:/nosuch {dir}/x", c);
        await CompareShellAsync("$CLI cp {c}:/d/a {dir}/nodir/x/y", c);
        await CompareShellAsync("$CLI cp {c}:/d/a {dir}/newdir/", c);
        await CompareShellAsync("$CLI cp {c}:/d/a {dir}/file && $CLI cp {c}:/d {dir}/file", c);
        await CompareShellAsync("$CLI cp {c}:/d/a {dir}/file/x", c);
        await CompareShellAsync("$CLI cp berth-nosuch:/d {dir}/x", c);
        Assert.Equal(HostTree(_dockerDir), HostTree(_berthDir));
    }

    [Fact]
    public async Task TarStreams_OnStdoutAndStdin_AgreeWithDocker()
    {
        var c = await StartContainerAsync();
        var (docker, _) = await CompareShellAsync("$CLI cp {c}:/d - | tar -tvf -", c);
        Assert.Contains("d/sub/b", docker.Stdout);
        await CompareShellAsync("$CLI cp {c}:/d/. - | wc -c", c);
        await CompareShellAsync("mkdir -p {dir}/src/in && echo 1 > {dir}/src/f && echo 2 > {dir}/src/in/g && tar -C {dir}/src -cf {dir}/src.tar . " +
            "&& $CLI exec {c} mkdir -p {cdir}/tar && $CLI cp - {c}:{cdir}/tar < {dir}/src.tar", c);
        await CompareShellAsync("$CLI cp - {c}:{cdir}/missing < {dir}/src.tar", c);
        await CompareShellAsync("$CLI cp - {c}:/d/a < {dir}/src.tar", c);
        await CompareShellAsync("$CLI exec {c} sh -c 'cd {cdir} && find . | sort'", c);
    }

    [Fact]
    public async Task ToContainer_FilesDirectoriesAndErrors_AgreeWithDocker()
    {
        var c = await StartContainerAsync();
        await CompareShellAsync("mkdir -p {dir}/h/sub && echo 1 > {dir}/h/f1 && echo 2 > {dir}/h/sub/f2 && chmod 751 {dir}/h/sub && ln -s f1 {dir}/h/l1 && ln {dir}/h/f1 {dir}/h/hard", c);
        await CompareShellAsync("$CLI cp {dir}/h {c}:{cdir}/newh", c);
        await CompareShellAsync("$CLI cp {dir}/h/. {c}:{cdir}/dot", c);
        await CompareShellAsync("$CLI cp {dir}/h {c}:{cdir}/newh", c);
        await CompareShellAsync("$CLI cp {dir}/h/f1 {c}:{cdir}/file", c);
        await CompareShellAsync("$CLI cp {dir}/h/f1 {c}:{cdir}/", c);
        await CompareShellAsync("$CLI cp -a {dir}/h/sub {c}:{cdir}/owned", c);
        await CompareShellAsync("$CLI cp -L {dir}/h/l1 {c}:{cdir}/followed", c);
        await CompareShellAsync("$CLI cp {dir}/h/f1 {c}:{cdir}/nodir/x", c);
        await CompareShellAsync("$CLI cp {dir}/h/f1 {c}:{cdir}/nodir/", c);
        await CompareShellAsync("$CLI cp {dir}/nosuch {c}:{cdir}", c);
        await CompareShellAsync("$CLI cp {dir}/h {c}:{cdir}/file", c);
        await CompareShellAsync("$CLI cp {dir}/h/f1 berth-nosuch:/tmp", c);
        await CompareShellAsync("$CLI exec {c} sh -c 'cd {cdir} && find . -exec stat -c \"%n %F %a %s %h %u:%g\" {} + | sort'", c);
    }

    public static TheoryData<string[]> ArgumentErrors => new()
    {
        { ["cp"] }, { ["cp", "a", "b"] }, { ["cp", "c1:/a", "c2:/b"] }, { ["cp", "", "c1:/x"] }, { ["cp", "c1:/x", ""] },
        { ["container", "cp", "--nope", "a", "b"] },
    };

    [Theory]
    [MemberData(nameof(ArgumentErrors))]
    public Task ArgumentErrors_AgreeWithDocker(string[] arguments) => CompareAsync(arguments);
}
