using Berth.Runtime.Cli;

return RuntimeCommandLine.Run(args);
