using Berth;
using Berth.Daemon;
using Berth.Daemon.Configuration;

// berthd's exit codes follow dockerd: 125 for a wrong command line, 1 when the daemon cannot start or fails.
try
{
    var commandLine = DaemonCommandLine.Parse(args);
    if (commandLine.Help)
    {
        Console.Out.Write(DaemonCommandLine.Usage);
        return 0;
    }
    if (commandLine.Version)
    {
        Console.Out.WriteLine($"Berth version {BuildInfo.Version}, build {BuildInfo.GitCommit}");
        return 0;
    }
    var settings = SettingsResolver.Resolve(commandLine, DaemonConfigFile.Load(commandLine.ConfigFile, commandLine.ConfigFileExplicit));
    return await DaemonHost.RunAsync(settings);
}
catch (UsageError e)
{
    Console.Error.WriteLine($"{e.Message}\nSee 'berthd --help'.");
    return 125;
}
catch (StartupError e)
{
    Console.Error.WriteLine($"failed to start daemon: {e.Message}");
    return 1;
}
