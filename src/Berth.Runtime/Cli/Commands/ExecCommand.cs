using System.Text.Json;
using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Lifecycle;

namespace Berth.Runtime.Cli.Commands;

/// <summary>`exec [flags] ID [COMMAND ARGS...]` or `exec --process FILE ID`.</summary>
internal static class ExecCommand
{
    private static readonly FlagSet Flags = new FlagSet()
        .Value("console-socket").Value("cwd").Value("env", "e").Bool("tty", "t").Value("user", "u")
        .Value("additional-gids", "g").Value("process", "p").Bool("detach", "d").Value("pid-file")
        .Value("process-label").Value("apparmor").Bool("no-new-privs").Value("cap", "c").Value("preserve-fds")
        .Value("cgroup").Bool("ignore-paused").Value("pidfd-socket");

    internal static int Run(GlobalOptions global, IReadOnlyList<string> argv)
    {
        var args = Flags.Parse(argv);
        if (args.Positional.Count < 1) throw new UsageException("\"exec\" requires a container id");
        var container = Container.Load(global.Store, args.Positional[0]);
        var process = args.Get("process") is { } file ? FromFile(file) : FromFlags(container.Record.Spec.Process, args);
        if (process.Terminal && args.IsSet("detach") && args.Get("console-socket") == null)
            throw new RuntimeException("cannot allocate tty if berth-runtime will detach without setting console socket");
        if (process.Terminal && args.Get("console-socket") == null)
            throw new RuntimeException("exec with a terminal needs --console-socket");
        return Exec.Run(container, new ExecOptions(process)
        {
            Detach = args.IsSet("detach"),
            PidFile = args.Get("pid-file"),
            ConsoleSocket = args.Get("console-socket"),
            PreserveFds = args.Int("preserve-fds", 0),
        });
    }

    private static Process FromFile(string path)
    {
        try
        {
            return SpecReader.ParseProcess(File.ReadAllBytes(path)) ?? throw new RuntimeException($"{path}: empty process");
        }
        catch (JsonException e) { throw new RuntimeException($"{path} is not a valid process JSON: {e.Message.ReplaceLineEndings(" ")}"); }
        catch (FileNotFoundException) { throw new RuntimeException($"process file {path} does not exist"); }
    }

    /// <summary>The container's own process settings with the command and the flags' changes, as runc builds it.</summary>
    private static Process FromFlags(Process? template, ParsedArgs args)
    {
        if (args.Positional.Count < 2) throw new UsageException("\"exec\" requires a command to run");
        // A deep copy through JSON, so that the flags' changes leave the container's record alone.
        var p = template == null ? new Process() : SpecReader.ParseProcess(
            JsonSerializer.SerializeToUtf8Bytes(template, SpecWriteContext.Default.Process))!;
        p.Args = args.Positional.Skip(1).ToList();
        p.Terminal = args.IsSet("tty");
        if (args.Get("cwd") is { } cwd) p.Cwd = cwd;
        var env = p.Env?.ToList() ?? [];
        env.AddRange(args.All("env"));
        p.Env = env;
        if (args.Get("user") is { } user)
        {
            var parts = user.Split(':', 2);
            p.User = new User
            {
                Uid = uint.TryParse(parts[0], out var uid) ? uid : throw new RuntimeException($"invalid --user \"{user}\": uid must be numeric"),
                Gid = parts.Length > 1 ? (uint.TryParse(parts[1], out var gid) ? gid : throw new RuntimeException($"invalid --user \"{user}\": gid must be numeric")) : 0,
            };
        }
        if (args.All("additional-gids") is { Count: > 0 } gids)
            p.User.AdditionalGids = gids.Select(g => uint.TryParse(g, out var v) ? v : throw new RuntimeException($"invalid additional gid \"{g}\"")).ToList();
        if (args.All("cap") is { Count: > 0 } caps)
        {
            p.Capabilities ??= new Capabilities();
            p.Capabilities.Bounding = [.. p.Capabilities.Bounding ?? [], .. caps];
            p.Capabilities.Effective = [.. p.Capabilities.Effective ?? [], .. caps];
            p.Capabilities.Permitted = [.. p.Capabilities.Permitted ?? [], .. caps];
        }
        if (args.IsSet("no-new-privs")) p.NoNewPrivileges = true;
        if (args.Get("apparmor") is { } profile) p.ApparmorProfile = profile;
        return p;
    }
}
