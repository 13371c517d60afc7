using Berth.Cli.CommandLine;
using Berth.Cli.Commands;
using Berth.Cli.Templates;

namespace Berth.Cli;

/// <summary>The berth command line: global flags, then a command and its own flags, with docker's messages and exit codes.</summary>
public static class Cli
{
    /// <summary>The top-level help text.</summary>
    public const string Usage = """
        Usage:  berth [OPTIONS] COMMAND

        A Docker-compatible container engine

        Management Commands:
          container   Manage containers
          image       Manage images
          system      Manage Berth

        Commands:
          attach      Attach local standard input, output, and error streams to a running container
          commit      Create a new image from a container's changes
          cp          Copy files/folders between a container and the local filesystem
          create      Create a new container
          events      Get real time events from the server
          exec        Execute a command in a running container
          history     Show the history of an image
          images      List images
          import      Import the contents from a tarball to create a filesystem image
          info        Display system-wide information
          inspect     Return low-level information on Berth objects
          kill        Kill one or more running containers
          load        Load an image from a tar archive or STDIN
          logs        Fetch the logs of a container
          pause       Pause all processes within one or more containers
          ps          List containers
          restart     Restart one or more containers
          rm          Remove one or more containers
          rmi         Remove one or more images
          run         Create and run a new container from an image
          save        Save one or more images to a tar archive (streamed to STDOUT by default)
          start       Start one or more stopped containers
          stats       Display a live stream of container(s) resource usage statistics
          stop        Stop one or more running containers
          tag         Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE
          unpause     Unpause all processes within one or more containers
          update      Update configuration of one or more containers
          version     Show the Berth version information
          wait        Block until one or more containers stop, then print their exit codes

        Global Options:
          -D, --debug              Enable debug mode
          -H, --host string        Daemon socket to connect to (default unix:///run/berth/berthd.sock, or $BERTH_HOST)
          -l, --log-level string   Set the logging level ("debug"|"info"|"warn"|"error"|"fatal") (default "info")
              --tls                Use TLS; implied by --tlsverify
              --tlscacert string   Trust certs signed only by this CA (default "$BERTH_CERT_PATH/ca.pem")
              --tlscert string     Path to TLS certificate file (default "$BERTH_CERT_PATH/cert.pem")
              --tlskey string      Path to TLS key file (default "$BERTH_CERT_PATH/key.pem")
              --tlsverify          Use TLS and verify the remote (or set $BERTH_TLS_VERIFY)
          -v, --version            Print version information and quit

        Run 'berth COMMAND --help' for more information on a command.

        """;

    /// <summary>Runs a command line; returns the exit status.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            var global = new FlagSet("berth").Value("host", 'H').Bool("tls").Bool("tlsverify").Value("tlscacert").Value("tlscert")
                .Value("tlskey").Bool("debug", 'D').Value("log-level", 'l').Bool("version", 'v').Bool("help", 'h')
                .Parse(args, stopAtArgument: true);
            if (global.IsOn("version"))
            {
                output.WriteLine($"Berth version {BuildInfo.Version}, build {BuildInfo.GitCommit}");
                return 0;
            }
            if (global.IsOn("help") || global.Arguments.Count == 0)
            {
                output.Write(Usage);
                return 0;
            }
            using var context = new CliContext(global, output, error);
            var rest = global.Arguments.Skip(1).ToList();
            return global.Arguments[0] switch
            {
                "version" => await VersionCommand.RunAsync(context, rest),
                "info" => await InfoCommand.RunAsync(context, rest),
                "images" => await Commands.Images.ImagesCommand.RunAsync(context, rest),
                "load" => await Commands.Images.LoadCommand.RunAsync(context, rest),
                "save" => await Commands.Images.SaveCommand.RunAsync(context, rest),
                "image" => await Commands.Images.ImageCommand.RunAsync(context, rest),
                "tag" => await Commands.Images.TagCommand.RunAsync(context, rest),
                "rmi" => await Commands.Images.RmiCommand.RunAsync(context, rest),
                "history" => await Commands.Images.HistoryCommand.RunAsync(context, rest),
                "import" => await Commands.Images.ImportCommand.RunAsync(context, rest),
                "system" => await Commands.Engine.SystemCommand.RunAsync(context, rest),
                "events" => await Commands.Engine.EventsCommand.RunAsync(context, rest, "berth events"),
                "container" => await Commands.Containers.ContainerCommand.RunAsync(context, rest),
                var name when Commands.Containers.ContainerCommand.TryRun(context, name, rest) is { } containerCommand => await containerCommand,
                "help" when rest.Count == 0 => Write(output, Usage, 0),
                "help" when rest[0] == "version" => Write(output, VersionCommand.Help, 0),
                "help" when rest[0] == "info" => Write(output, InfoCommand.Help, 0),
                var other => Write(error, $"berth: '{other}' is not a berth command.\nSee 'berth --help'\n", 1),
            };
        }
        catch (CliError e)
        {
            error.WriteLine(e.Message);
            return e.ExitCode;
        }
        catch (TemplateError e) when (e.IsParseError)
        {
            error.WriteLine("template parsing error: " + e.Message);
            return 64;
        }
        catch (TemplateError e)
        {
            error.WriteLine(e.Message);
            return 1;
        }
    }

    private static int Write(TextWriter writer, string text, int status)
    {
        writer.Write(text);
        return status;
    }
}
