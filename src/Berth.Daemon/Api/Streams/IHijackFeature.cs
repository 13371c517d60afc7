using System.IO.Pipelines;

namespace Berth.Daemon.Api.Streams;

/// <summary>A connection feature: the socket of a connection whose current request asked to hijack it, for the handler that does.</summary>
internal interface IHijackFeature
{
    /// <summary>The hijack request's body, taken off the wire before Kestrel saw the request; null when no hijack request came.</summary>
    ReadOnlyMemory<byte>? HijackBody { get; }

    /// <summary>The socket's pipes for the one caller that takes them, after a hijack request; null otherwise.</summary>
    IDuplexPipe? Claim();
}
