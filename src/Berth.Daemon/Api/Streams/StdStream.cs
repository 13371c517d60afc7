namespace Berth.Daemon.Api.Streams;

/// <summary>The stream byte of a stdcopy frame header, as Docker numbers them.</summary>
public enum StdStream : byte
{
    /// <summary>Standard input (only ever echoed back by dockerd's stdcopy; listed for completeness).</summary>
    Stdin = 0,
    /// <summary>Standard output.</summary>
    Stdout = 1,
    /// <summary>Standard error.</summary>
    Stderr = 2,
    /// <summary>Errors of the daemon itself, sent in band once the stream has started (e.g. "Error grabbing logs: ...").</summary>
    SystemErr = 3,
}
