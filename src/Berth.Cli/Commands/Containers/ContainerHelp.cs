namespace Berth.Cli.Commands.Containers;

/// <summary>The help texts of the container commands, worded as docker 28's.</summary>
internal static partial class ContainerHelp
{
    /// <summary>A help text with its Usage line naming the command as it was called ("berth container commit"), as
    /// docker does; a second usage form keeps its short name, as docker's does.</summary>
    public static string For(string help, string command) => UsageCommand().Replace(help, "Usage:  " + command, 1);

    [System.Text.RegularExpressions.GeneratedRegex(@"Usage:  berth (container )?\S+")]
    private static partial System.Text.RegularExpressions.Regex UsageCommand();

    /// <summary>`berth run --help`.</summary>
    public const string Run = """
        Usage:  berth run [OPTIONS] IMAGE [COMMAND] [ARG...]

        Create and run a new container from an image

        Aliases:
          berth container run, berth run

        Options:
          -a, --attach list                      Attach to STDIN, STDOUT or STDERR
              --blkio-weight uint16              Block IO (relative weight),
                                                 between 10 and 1000, or 0 to
                                                 disable (default 0)
              --cap-add list                     Add Linux capabilities
              --cap-drop list                    Drop Linux capabilities
              --cidfile string                   Write the container ID to the file
          -c, --cpu-shares int                   CPU shares (relative weight)
              --cpus decimal                     Number of CPUs
              --cpuset-cpus string               CPUs in which to allow execution
                                                 (0-3, 0,1)
          -d, --detach                           Run container in background and
                                                 print container ID
              --detach-keys string               Override the key sequence for
                                                 detaching a container
              --device list                      Add a host device to the container
              --entrypoint string                Overwrite the default ENTRYPOINT
                                                 of the image
          -e, --env list                         Set environment variables
              --env-file list                    Read in a file of environment
                                                 variables
              --group-add list                   Add additional groups to join
              --health-cmd string                Command to run to check health
              --health-interval duration         Time between running the check
                                                 (ms|s|m|h) (default 0s)
              --health-retries int               Consecutive failures needed to
                                                 report unhealthy
              --health-start-interval duration   Time between running the check
                                                 during the start period
                                                 (ms|s|m|h) (default 0s)
              --health-start-period duration     Start period for the container
                                                 to initialize before starting
                                                 health-retries countdown
                                                 (ms|s|m|h) (default 0s)
              --health-timeout duration          Maximum time to allow one check
                                                 to run (ms|s|m|h) (default 0s)
              --help                             Print usage
          -h, --hostname string                  Container host name
              --init                             Run an init inside the container
                                                 that forwards signals and reaps
                                                 processes
          -i, --interactive                      Keep STDIN open even if not attached
          -l, --label list                       Set meta data on a container
              --label-file list                  Read in a line delimited file of
                                                 labels
              --log-driver string                Logging driver for the container
              --log-opt list                     Log driver options
          -m, --memory bytes                     Memory limit
              --memory-reservation bytes         Memory soft limit
              --memory-swap bytes                Swap limit equal to memory plus
                                                 swap: '-1' to enable unlimited swap
              --name string                      Assign a name to the container
              --network network                  Connect a container to a network
              --no-healthcheck                   Disable any container-specified
                                                 HEALTHCHECK
              --oom-kill-disable                 Disable OOM Killer
              --oom-score-adj int                Tune host's OOM preferences
                                                 (-1000 to 1000)
              --pids-limit int                   Tune container pids limit (set
                                                 -1 for unlimited)
              --privileged                       Give extended privileges to this
                                                 container
              --read-only                        Mount the container's root
                                                 filesystem as read only
              --restart string                   Restart policy to apply when a
                                                 container exits (default "no")
              --rm                               Automatically remove the
                                                 container and its associated
                                                 anonymous volumes when it exits
              --security-opt list                Security Options
              --shm-size bytes                   Size of /dev/shm
              --sig-proxy                        Proxy received signals to the
                                                 process (default true)
              --stop-signal string               Signal to stop the container
              --stop-timeout int                 Timeout (in seconds) to stop a
                                                 container
              --sysctl map                       Sysctl options (default map[])
              --tmpfs list                       Mount a tmpfs directory
          -t, --tty                              Allocate a pseudo-TTY
              --ulimit ulimit                    Ulimit options (default [])
          -u, --user string                      Username or UID (format:
                                                 <name|uid>[:<group|gid>])
          -w, --workdir string                   Working directory inside the
                                                 container

        """;

    /// <summary>`berth create --help`: run's text without the flags only run has.</summary>
    public static readonly string Create = CreateFromRun();


    /// <summary>`berth start --help`.</summary>
    public const string Start = """
        Usage:  berth start [OPTIONS] CONTAINER [CONTAINER...]

        Start one or more stopped containers

        Aliases:
          berth container start, berth start

        Options:
          -a, --attach                  Attach STDOUT/STDERR and forward signals
              --checkpoint string       Restore from this checkpoint
              --checkpoint-dir string   Use a custom checkpoint storage directory
              --detach-keys string      Override the key sequence for detaching a
                                        container
          -i, --interactive             Attach container's STDIN

        """;

    /// <summary>`berth attach --help`.</summary>
    public const string Attach = """
        Usage:  berth attach [OPTIONS] CONTAINER

        Attach local standard input, output, and error streams to a running container

        Aliases:
          berth container attach, berth attach

        Options:
              --detach-keys string   Override the key sequence for detaching a
                                     container
              --no-stdin             Do not attach STDIN
              --sig-proxy            Proxy all received signals to the process
                                     (default true)

        """;

    /// <summary>`berth logs --help`.</summary>
    public const string Logs = """
        Usage:  berth logs [OPTIONS] CONTAINER

        Fetch the logs of a container

        Aliases:
          berth container logs, berth logs

        Options:
              --details        Show extra details provided to logs
          -f, --follow         Follow log output
              --since string   Show logs since timestamp (e.g.
                               "2013-01-02T13:23:37Z") or relative (e.g. "42m"
                               for 42 minutes)
          -n, --tail string    Number of lines to show from the end of the logs
                               (default "all")
          -t, --timestamps     Show timestamps
              --until string   Show logs before a timestamp (e.g.
                               "2013-01-02T13:23:37Z") or relative (e.g. "42m"
                               for 42 minutes)

        """;

    /// <summary>`berth exec --help`.</summary>
    public const string Exec = """
        Usage:  berth exec [OPTIONS] CONTAINER COMMAND [ARG...]

        Execute a command in a running container

        Aliases:
          berth container exec, berth exec

        Options:
          -d, --detach               Detached mode: run command in the background
              --detach-keys string   Override the key sequence for detaching a
                                     container
          -e, --env list             Set environment variables
              --env-file list        Read in a file of environment variables
          -i, --interactive          Keep STDIN open even if not attached
              --privileged           Give extended privileges to the command
          -t, --tty                  Allocate a pseudo-TTY
          -u, --user string          Username or UID (format:
                                     "<name|uid>[:<group|gid>]")
          -w, --workdir string       Working directory inside the container

        """;

    /// <summary>`berth wait --help`.</summary>
    public const string Wait = """
        Usage:  berth wait CONTAINER [CONTAINER...]

        Block until one or more containers stop, then print their exit codes

        Aliases:
          berth container wait, berth wait

        """;

    /// <summary>`berth stop --help`.</summary>
    public const string Stop = """
        Usage:  berth stop [OPTIONS] CONTAINER [CONTAINER...]

        Stop one or more running containers

        Aliases:
          berth container stop, berth stop

        Options:
          -s, --signal string   Signal to send to the container
          -t, --timeout int     Seconds to wait before killing the container

        """;

    /// <summary>`berth restart --help`.</summary>
    public const string Restart = """
        Usage:  berth restart [OPTIONS] CONTAINER [CONTAINER...]

        Restart one or more containers

        Aliases:
          berth container restart, berth restart

        Options:
          -s, --signal string   Signal to send to the container
          -t, --timeout int     Seconds to wait before killing the container

        """;

    /// <summary>`berth kill --help`.</summary>
    public const string Kill = """
        Usage:  berth kill [OPTIONS] CONTAINER [CONTAINER...]

        Kill one or more running containers

        Aliases:
          berth container kill, berth kill

        Options:
          -s, --signal string   Signal to send to the container

        """;

    /// <summary>`berth rm --help`.</summary>
    public const string Rm = """
        Usage:  berth rm [OPTIONS] CONTAINER [CONTAINER...]

        Remove one or more containers

        Aliases:
          berth container rm, berth container remove, berth rm

        Options:
          -f, --force     Force the removal of a running container (uses SIGKILL)
          -l, --link      Remove the specified link
          -v, --volumes   Remove anonymous volumes associated with the container

        """;

    /// <summary>`berth ps --help`.</summary>
    public const string Ps = """
        Usage:  berth ps [OPTIONS]

        List containers

        Aliases:
          berth container ls, berth container list, berth container ps, berth ps

        Options:
          -a, --all             Show all containers (default shows just running)
          -f, --filter filter   Filter output based on conditions provided
              --format string   Format output using a custom template:
                                'table':            Print output in table format
                                with column headers (default)
                                'table TEMPLATE':   Print output in table format
                                using the given Go template
                                'json':             Print in JSON format
                                'TEMPLATE':         Print output using the given
                                Go template.
                                Refer to https://docs.docker.com/go/formatting/
                                for more information about formatting output with
                                templates
          -n, --last int        Show n last created containers (includes all
                                states) (default -1)
          -l, --latest          Show the latest created container (includes all
                                states)
              --no-trunc        Don't truncate output
          -q, --quiet           Only display container IDs
          -s, --size            Display total file sizes

        """;

    /// <summary>`berth inspect --help`.</summary>
    public const string Inspect = """
        Usage:  berth inspect [OPTIONS] NAME|ID [NAME|ID...]

        Return low-level information on Berth objects

        Options:
          -f, --format string   Format output using a custom template:
                                'json':             Print in JSON format
                                'TEMPLATE':         Print output using the given
                                Go template.
                                Refer to https://docs.docker.com/go/formatting/
                                for more information about formatting output with
                                templates
          -s, --size            Display total file sizes if the type is container
              --type string     Only inspect objects of the given type

        """;

    /// <summary>`berth pause --help`.</summary>
    public const string Pause = """
        Usage:  berth pause CONTAINER [CONTAINER...]

        Pause all processes within one or more containers

        Aliases:
          berth container pause, berth pause

        """;

    /// <summary>`berth unpause --help`.</summary>
    public const string Unpause = """
        Usage:  berth unpause CONTAINER [CONTAINER...]

        Unpause all processes within one or more containers

        Aliases:
          berth container unpause, berth unpause

        """;

    /// <summary>`berth rename --help`.</summary>
    public const string Rename = """
        Usage:  berth rename CONTAINER NEW_NAME

        Rename a container

        Aliases:
          berth container rename, berth rename

        """;

    /// <summary>`berth top --help`.</summary>
    public const string Top = """
        Usage:  berth top CONTAINER [ps OPTIONS]

        Display the running processes of a container

        Aliases:
          berth container top, berth top

        """;

    /// <summary>`berth diff --help`.</summary>
    public const string Diff = """
        Usage:  berth diff CONTAINER

        Inspect changes to files or directories on a container's filesystem

        Aliases:
          berth container diff, berth diff

        """;

    /// <summary>`berth export --help`.</summary>
    public const string Export = """
        Usage:  berth export [OPTIONS] CONTAINER

        Export a container's filesystem as a tar archive

        Aliases:
          berth container export, berth export

        Options:
          -o, --output string   Write to a file, instead of STDOUT

        """;

    /// <summary>`berth port --help`.</summary>
    public const string Port = """
        Usage:  berth port CONTAINER [PRIVATE_PORT[/PROTO]]

        List port mappings or a specific mapping for the container

        Aliases:
          berth container port, berth port

        """;

    /// <summary>`berth container --help`.</summary>
    public const string Container = """
        Usage:  berth container COMMAND

        Manage containers

        Commands:
          attach      Attach local standard input, output, and error streams to a running container
          commit      Create a new image from a container's changes
          cp          Copy files/folders between a container and the local filesystem
          create      Create a new container
          diff        Inspect changes to files or directories on a container's filesystem
          exec        Execute a command in a running container
          export      Export a container's filesystem as a tar archive
          inspect     Display detailed information on one or more containers
          kill        Kill one or more running containers
          logs        Fetch the logs of a container
          ls          List containers
          pause       Pause all processes within one or more containers
          port        List port mappings or a specific mapping for the container
          prune       Remove all stopped containers
          rename      Rename a container
          restart     Restart one or more containers
          rm          Remove one or more containers
          run         Create and run a new container from an image
          start       Start one or more stopped containers
          stats       Display a live stream of container(s) resource usage statistics
          stop        Stop one or more running containers
          top         Display the running processes of a container
          unpause     Unpause all processes within one or more containers
          update      Update configuration of one or more containers
          wait        Block until one or more containers stop, then print their exit codes

        Run 'berth container COMMAND --help' for more information on a command.

        """;

    /// <summary>`berth container prune --help`.</summary>
    public const string ContainerPrune = """
        Usage:  berth container prune [OPTIONS]

        Remove all stopped containers

        Options:
              --filter filter   Provide filter values (e.g. "until=<timestamp>")
          -f, --force           Do not prompt for confirmation

        """;

    /// <summary>`berth update --help`.</summary>
    public const string Update = """
        Usage:  berth update [OPTIONS] CONTAINER [CONTAINER...]

        Update configuration of one or more containers

        Aliases:
          berth container update, berth update

        Options:
              --blkio-weight uint16        Block IO (relative weight), between 10
                                           and 1000, or 0 to disable (default 0)
              --cpu-period int             Limit CPU CFS (Completely Fair
                                           Scheduler) period
              --cpu-quota int              Limit CPU CFS (Completely Fair
                                           Scheduler) quota
              --cpu-rt-period int          Limit the CPU real-time period in
                                           microseconds
              --cpu-rt-runtime int         Limit the CPU real-time runtime in
                                           microseconds
          -c, --cpu-shares int             CPU shares (relative weight)
              --cpus decimal               Number of CPUs
              --cpuset-cpus string         CPUs in which to allow execution (0-3, 0,1)
              --cpuset-mems string         MEMs in which to allow execution (0-3, 0,1)
          -m, --memory bytes               Memory limit
              --memory-reservation bytes   Memory soft limit
              --memory-swap bytes          Swap limit equal to memory plus swap:
                                           -1 to enable unlimited swap
              --pids-limit int             Tune container pids limit (set -1 for
                                           unlimited)
              --restart string             Restart policy to apply when a
                                           container exits

        """;

    /// <summary>`berth commit --help`.</summary>
    public const string Commit = """
        Usage:  berth commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]

        Create a new image from a container's changes

        Aliases:
          berth container commit, berth commit

        Options:
          -a, --author string    Author (e.g., "John Hannibal Smith
                                 <hannibal@a-team.com>")
          -c, --change list      Apply Dockerfile instruction to the created image
          -m, --message string   Commit message
          -p, --pause            Pause container during commit (default true)

        """;

    /// <summary>`berth cp --help`.</summary>
    public const string Cp = """
        Usage:  berth cp [OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-
        	berth cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH

        Copy files/folders between a container and the local filesystem

        Use '-' as the source to read a tar archive from stdin
        and extract it to a directory destination in a container.
        Use '-' as the destination to stream a tar archive of a
        container source to stdout.

        Aliases:
          berth container cp, berth cp

        Options:
          -a, --archive       Archive mode (copy all uid/gid information)
          -L, --follow-link   Always follow symbol link in SRC_PATH
          -q, --quiet         Suppress progress output during copy. Progress
                              output is automatically suppressed if no terminal
                              is attached

        """;

    /// <summary>`berth stats --help`.</summary>
    public const string Stats = """
        Usage:  berth stats [OPTIONS] [CONTAINER...]

        Display a live stream of container(s) resource usage statistics

        Aliases:
          berth container stats, berth stats

        Options:
          -a, --all             Show all containers (default shows just running)
              --format string   Format output using a custom template:
                                'table':            Print output in table format
                                with column headers (default)
                                'table TEMPLATE':   Print output in table format
                                using the given Go template
                                'json':             Print in JSON format
                                'TEMPLATE':         Print output using the given
                                Go template.
                                Refer to https://docs.docker.com/go/formatting/
                                for more information about formatting output with
                                templates
              --no-stream       Disable streaming stats and only pull the first result
              --no-trunc        Do not truncate output

        """;

    /// <summary>`berth container inspect --help`.</summary>
    public const string ContainerInspectHelp = """
        Usage:  berth container inspect [OPTIONS] CONTAINER [CONTAINER...]

        Display detailed information on one or more containers

        Options:
          -f, --format string   Format output using a custom template:
                                'json':             Print in JSON format
                                'TEMPLATE':         Print output using the given
                                Go template.
                                Refer to https://docs.docker.com/go/formatting/
                                for more information about formatting output with
                                templates
          -s, --size            Display total file sizes

        """;

    // create's help is run's with another header and without -d, --detach-keys and --sig-proxy (two lines each).
    private static string CreateFromRun()
    {
        var lines = Run.Replace("Usage:  berth run", "Usage:  berth create").Replace("Create and run a new container from an image", "Create a new container")
            .Replace("berth container run, berth run", "berth container create, berth create").Split('\n').ToList();
        foreach (var flag in new[] { "-d, --detach ", "--detach-keys ", "--sig-proxy " })
        {
            var at = lines.FindIndex(l => l.Contains(flag, StringComparison.Ordinal));
            lines.RemoveRange(at, 2);
        }
        return string.Join('\n', lines);
    }
}
