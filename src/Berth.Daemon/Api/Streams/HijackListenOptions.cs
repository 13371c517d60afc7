using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Berth.Daemon.Api.Streams;

/// <summary>Installs the connection layer Docker's hijacked attach and exec streams need under Kestrel.</summary>
public static class HijackListenOptions
{
    /// <summary>Puts a <see cref="HijackableConnection"/> under HTTP on this listener; call it after UseHttps so it sees plain text.</summary>
    public static ListenOptions UseDockerHijack(this ListenOptions listen)
    {
        listen.Use(next => async socket =>
        {
            var connection = new HijackableConnection(socket);
            var pump = connection.PumpAsync();
            try
            {
                await next(connection);
            }
            finally
            {
                // Kestrel is done with the connection: stop feeding it, so the pump does not outlive the socket.
                socket.Transport.Input.CancelPendingRead();
                await pump;
                await connection.DisposeAsync();
            }
        });
        return listen;
    }
}
