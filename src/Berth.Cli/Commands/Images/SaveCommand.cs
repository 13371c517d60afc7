using Berth.Cli.CommandLine;

namespace Berth.Cli.Commands.Images;

/// <summary>`berth save [-o FILE] IMAGE...`: the images as one tar archive (docker save's format), to stdout or a file.</summary>
public static class SaveCommand
{
    private const string Summary = "Save one or more images to a tar archive (streamed to STDOUT by default)";

    /// <summary>The help text.</summary>
    public const string Help = $"""
        Usage:  berth save [OPTIONS] IMAGE [IMAGE...]

        {Summary}

        Options:
          -o, --output string   Write to a file, instead of STDOUT

        """;

    /// <summary>Runs the command (command is how it was called: "berth save" or "berth image save").</summary>
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, string command = "berth save")
    {
        var flags = new FlagSet(command).Value("output", 'o').Bool("help", 'h').Parse(args);
        if (flags.IsOn("help")) { context.Out.Write(Help.Replace("berth save", command)); return 0; }
        if (flags.Arguments.Count == 0)
            throw new CliError($"\"{command}\" requires at least 1 argument.\nSee '{command} --help'.\n\nUsage:  {command} [OPTIONS] IMAGE [IMAGE...]\n\n{Summary}", 1);
        var output = flags.Get("output") ?? "";
        if (output.Length == 0 && !Console.IsOutputRedirected)
            throw new CliError("cowardly refusing to save to a terminal. Use the -o flag or redirect", 1);
        if (output.Length > 0) CheckOutputPath(output);

        var query = string.Join('&', flags.Arguments.Select(n => "names=" + Uri.EscapeDataString(n)));
        await using var archive = await context.Client.GetStreamAsync("/images/get?" + query);
        if (output.Length > 0)
        {
            await CopyToFileAsync(archive, output);
            return 0;
        }
        try
        {
            await using var stdout = Console.OpenStandardOutput();
            await archive.CopyToAsync(stdout);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw CopyFailed(e);
        }
        return 0;
    }

    // The daemon breaks an archive off when a layer cannot be rebuilt; docker's Go client reports that as it does.
    private static CliError CopyFailed(Exception e)
        => new(e is HttpIOException or HttpRequestException ? "unexpected EOF" : e.Message, 1);

    // Like docker: the folder must exist, and the path must be a file or folder, not a device or socket.
    private static void CheckOutputPath(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(directory))
        {
            var shown = Path.GetDirectoryName(path) is { Length: > 0 } given ? given : directory;
            throw new CliError($"failed to save image: invalid output path: directory \"{shown}\" does not exist", 1);
        }
        var info = new FileInfo(path);
        if (info.Exists && info.Attributes.HasFlag(FileAttributes.Device))
            throw new CliError($"failed to save image: invalid output path: \"{path}\" must be a directory or a regular file", 1);
    }

    // A temp file beside the target, renamed over it only once the whole archive arrived: a broken save leaves no file.
    private static async Task CopyToFileAsync(Stream archive, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temp = Path.Combine(directory, ".docker_temp_" + Guid.NewGuid().ToString("N")[..10]);
        try
        {
            await using (var file = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
                await archive.CopyToAsync(file);
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or HttpRequestException)
        {
            File.Delete(temp);
            throw CopyFailed(e);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
