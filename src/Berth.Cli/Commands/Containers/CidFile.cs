using Berth.Cli.CommandLine;

namespace Berth.Cli.Commands.Containers;

/// <summary>--cidfile: made (and refused if it exists) before the container is created, so that two runs cannot share
/// it; holds the new id, or is removed again when creating failed.</summary>
internal sealed class CidFile : IDisposable
{
    private readonly string _path;
    private readonly FileStream _file;
    private bool _written;

    private CidFile(string path, FileStream file) => (_path, _file) = (path, file);

    /// <summary>Creates the file at path, or returns null when no path was given.</summary>
    public static CidFile? Create(string? path)
    {
        if (path == null) return null;
        if (File.Exists(path) || Directory.Exists(path))
            throw new CliError($"container ID file found, make sure the other container isn't running or delete {path}", 1);
        try
        {
            return new CidFile(path, new FileStream(path, FileMode.CreateNew, FileAccess.Write));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliError($"failed to create the container ID file: {e.Message}", 1);
        }
    }

    /// <summary>Writes the id.</summary>
    public void Write(string id)
    {
        try
        {
            _file.Write(System.Text.Encoding.UTF8.GetBytes(id));
            _file.Flush();
            _written = true;
        }
        catch (IOException e)
        {
            throw new CliError($"failed to write the container ID to the file: {e.Message}", 1);
        }
    }

    /// <summary>Closes the file; one that never got an id is removed.</summary>
    public void Dispose()
    {
        _file.Dispose();
        if (!_written) File.Delete(_path);
    }
}
