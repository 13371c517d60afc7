namespace Berth.Runtime.Cli;

/// <summary>Entry point of `berth-runtime`: runc's command grammar, dispatched to one handler per command.</summary>
internal static class RuntimeCommandLine
{
    internal static int Run(string[] args)
    {
        if (args.Length == 1 && args[0] is "--version" or "-v")
        {
            Console.Out.Write($"berth-runtime version {typeof(RuntimeCommandLine).Assembly.GetName().Version}\nspec: {Berth.Oci.RuntimeSpec.SpecVersion.Current}\n");
            return 0;
        }
        Console.Error.WriteLine("berth-runtime: no command given");
        return 1;
    }
}
