using Berth.Monitor;
using Berth.Monitor.Output;
using Berth.Monitor.Processes;
using Berth.Monitor.Server;
using static Berth.Runtime.Interop.Libc;

const int PR_SET_CHILD_SUBREAPER = 36;
string? root = null;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--root" && i + 1 < args.Length) root = args[++i];
    else if (args[i].StartsWith("--root=")) root = args[i]["--root=".Length..];
    else if (args[i] is "--version" or "-v") { Console.WriteLine("berth-monitor 0.1.0"); return 0; }
    else { Console.Error.WriteLine($"berth-monitor: unknown argument {args[i]}\nusage: berth-monitor --root EXEC-ROOT"); return 2; }
}
if (root == null) { Console.Error.WriteLine("usage: berth-monitor --root EXEC-ROOT"); return 2; }

try
{
    root = Path.GetFullPath(root);
    Directory.CreateDirectory(root);
    // Orphans of the processes we start (their inits, once the runtime exits) become our children to reap.
    if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0) throw Error("prctl(PR_SET_CHILD_SUBREAPER)");
    var reaper = new Reaper();
    var pump = new OutputPump();
    var exits = new ExitStore(root);
    var table = new ProcessTable(pump);
    var launcher = new Launcher(root, table, reaper, exits, new InProcessRuntime(reaper));
    reaper.Start();
    pump.Start();
    var server = new MonitorServer(root, new RequestHandler(table, launcher, exits));
    var pidFile = Path.Combine(root, "monitor.pid");
    File.WriteAllText(pidFile + ".tmp", $"{Environment.ProcessId}\n");
    File.Move(pidFile + ".tmp", pidFile, overwrite: true);
    Console.Error.WriteLine($"berth-monitor: pid {Environment.ProcessId} serving {root}");
    await server.RunAsync();
    return 0;
}
catch (Exception e) when (e is MonitorException or Berth.Runtime.RuntimeException or IOException or UnauthorizedAccessException
                              or System.Net.Sockets.SocketException)
{
    Console.Error.WriteLine($"berth-monitor: {e.Message}");
    return 1;
}
