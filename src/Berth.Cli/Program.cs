return await Berth.Cli.Cli.RunAsync(args, Console.Out, Console.Error);
