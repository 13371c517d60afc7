using System.Text;
using System.Text.Json;

namespace Berth.Runtime;

/// <summary>runc-style logging: to --log (text or json, which containerd parses for errors) or else stderr.</summary>
internal static class RuntimeLog
{
    private static string? _file;
    private static bool _json;

    /// <summary>Whether debug messages are written.</summary>
    internal static bool Debug { get; set; }

    /// <summary>Directs the log to a file in the given format ("text" or "json").</summary>
    internal static void Configure(string? file, string format, bool debug)
    {
        if (format is not ("text" or "json")) throw new RuntimeException($"unknown log-format \"{format}\"");
        _file = file is { Length: > 0 } ? file : null;
        _json = format == "json";
        Debug = debug;
        // containerd reads this file after a failure and reports its absence as an error of its own.
        if (_file != null && !File.Exists(_file))
        {
            try { File.AppendAllText(_file, ""); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { _file = null; }
        }
    }

    /// <summary>Logs an error to --log; without one the caller's own stderr line is the whole report.</summary>
    internal static void Error(string message)
    {
        if (_file != null) Write("error", message);
    }

    /// <summary>Logs a warning to --log only: the runtime's stderr is often the container's own.</summary>
    internal static void Warn(string message)
    {
        if (_file != null) Write("warning", message);
    }

    /// <summary>Logs a debug message when --debug is on.</summary>
    internal static void DebugMessage(string message)
    {
        if (Debug) Write("debug", message);
    }

    private static void Write(string level, string message)
    {
        var time = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffK");
        string line;
        if (_json)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("level", level);
                writer.WriteString("msg", message);
                writer.WriteString("time", time);
                writer.WriteEndObject();
            }
            line = Encoding.UTF8.GetString(buffer.ToArray());
        }
        else line = $"time=\"{time}\" level={level} msg=\"{message.Replace("\"", "\\\"")}\"";
        if (_file == null)
        {
            Console.Error.WriteLine(line);
            return;
        }
        try { File.AppendAllText(_file, line + "\n"); }
        catch (IOException) { Console.Error.WriteLine(line); }
    }
}
