namespace Berth.Monitor.Logs;

/// <summary>Which stream a log entry came from (the numbers are Docker's stdcopy stream ids).</summary>
public enum LogStream { Stdout = 1, Stderr = 2 }

/// <summary>One log entry: a line (with its newline) or, when Partial, a piece of a longer one or a last line without newline.</summary>
public sealed record LogMessage(LogStream Stream, DateTimeOffset Time, ReadOnlyMemory<byte> Data, bool Partial);
