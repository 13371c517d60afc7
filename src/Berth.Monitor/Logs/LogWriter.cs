using System.Buffers;

namespace Berth.Monitor.Logs;

/// <summary>Writes one container's output to its log: lines cut as dockerd cuts them, encoded by the driver's format,
/// into a rotating file. Used from one thread at a time (the monitor's output pump).</summary>
public sealed class LogWriter : IDisposable
{
    private readonly ILogFormat _format;
    private readonly RotatingFile _file;
    private readonly LineSplitter _stdout = new(LogStream.Stdout), _stderr = new(LogStream.Stderr);
    private readonly ArrayBufferWriter<byte> _encoded = new(4096);
    private readonly Action<LogMessage> _emit;

    private LogWriter(ILogFormat format, string path, long maxSize, int maxFile, bool compress)
    {
        _format = format;
        _file = new RotatingFile(path, maxSize, maxFile, compress);
        _emit = Append;
    }

    /// <summary>The writer for a driver, or null for `none`; throws LogConfigException for what is not supported.</summary>
    public static LogWriter? Create(string driver, string? path, long maxSize, int maxFile, bool compress)
    {
        var format = FormatOf(driver);
        if (format == null) return null;
        if (string.IsNullOrEmpty(path)) throw new LogConfigException($"{driver} log driver: no log path given");
        if (maxFile < 1) throw new LogConfigException("max-file cannot be less than 1");
        return new LogWriter(format, path, maxSize, maxFile, compress);
    }

    /// <summary>The file format of a driver; null for `none`.</summary>
    public static ILogFormat? FormatOf(string driver) => driver switch
    {
        "json-file" => JsonFileFormat.Instance,
        "local" => LocalFormat.Instance,
        "none" => null,
        _ => throw new LogConfigException($"logger: no log driver named '{driver}' is registered"),
    };

    /// <summary>Logs a chunk of a stream's output.</summary>
    public void Write(LogStream stream, ReadOnlySpan<byte> data)
        => Splitter(stream).Feed(data, DateTimeOffset.UtcNow, _emit);

    /// <summary>The stream ended: logs its unfinished last line.</summary>
    public void EndOf(LogStream stream) => Splitter(stream).Flush(DateTimeOffset.UtcNow, _emit);

    private LineSplitter Splitter(LogStream stream) => stream == LogStream.Stderr ? _stderr : _stdout;

    private void Append(LogMessage message)
    {
        _encoded.ResetWrittenCount();
        _format.Encode(message, _encoded);
        _file.Write(_encoded.WrittenSpan);
    }

    public void Dispose() => _file.Dispose();
}
