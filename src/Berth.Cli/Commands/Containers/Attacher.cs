using System.Runtime.InteropServices;
using Berth.Cli.Connection;
using Berth.Cli.Streams;

namespace Berth.Cli.Commands.Containers;

/// <summary>What run, start -a, attach and exec share around a hijacked stream: the process's standard streams,
/// terminal resizes (now and on SIGWINCH), and forwarding signals to the container (--sig-proxy).</summary>
internal static class Attacher
{
    /// <summary>Streams the connection to this process's stdio until the output ends or the user detaches.</summary>
    public static async Task<AttachEnd> StreamAsync(CliContext context, HijackedConnection connection, bool tty, bool withStdin, string? detachKeys)
    {
        await context.Out.FlushAsync();
        var keys = DetachKeys.Parse(string.IsNullOrEmpty(detachKeys) ? DetachKeys.Default : detachKeys);
        await context.Err.FlushAsync();
        using var stdout = StandardStreams.Open(1);
        using var stderr = StandardStreams.Open(2);
        using var stdin = withStdin ? StandardStreams.Open(0) : null;
        return await new AttachStreamer(connection, tty, stdin, stdout, stderr, keys).RunAsync();
    }

    /// <summary>The query docker's attach sends.</summary>
    public static string AttachQuery(bool stdin, string? detachKeys, bool stdout = true, bool stderr = true) =>
        "?stream=1" + (stdin ? "&stdin=1" : "") + (stdout ? "&stdout=1" : "") + (stderr ? "&stderr=1" : "") +
        (string.IsNullOrEmpty(detachKeys) ? "" : "&detachKeys=" + Uri.EscapeDataString(detachKeys));

    /// <summary>Keeps the remote terminal the size of ours: once now, then on every SIGWINCH (resizePath is
    /// /containers/{id}/resize or /exec/{id}/resize). Null when stdout is no terminal.</summary>
    public static async Task<IDisposable?> FollowSizeAsync(CliContext context, string resizePath)
    {
        if (!Terminal.IsTerminal(1)) return null;
        await ResizeAsync(context, resizePath);
        return PosixSignalRegistration.Create(PosixSignal.SIGWINCH, signal => { _ = ResizeAsync(context, resizePath); });
    }

    private static async Task ResizeAsync(CliContext context, string resizePath)
    {
        if (Terminal.Size(1) is not { } size) return;
        // A container that already exited cannot be resized; docker ignores that too.
        try { await context.Client.RequestAsync(HttpMethod.Post, $"{resizePath}?h={size.Rows}&w={size.Columns}", null); }
        catch (CommandLine.CliError) { }
    }

    /// <summary>The signals --sig-proxy passes on, by number and by the name the kill endpoint takes.</summary>
    private static readonly (int Number, string Name)[] Proxied =
        [(1, "HUP"), (2, "INT"), (3, "QUIT"), (10, "USR1"), (12, "USR2"), (15, "TERM")];

    /// <summary>Forwards the signals this process receives to the container until disposed.</summary>
    public static IDisposable ProxySignals(CliContext context, string id)
    {
        var registrations = new List<PosixSignalRegistration>();
        foreach (var (number, name) in Proxied)
            registrations.Add(PosixSignalRegistration.Create((PosixSignal)number, signal =>
            {
                signal.Cancel = true;
                _ = KillAsync(context, id, name);
            }));
        return new Registrations(registrations);
    }

    private static async Task KillAsync(CliContext context, string id, string signal)
    {
        try { await context.Client.RequestAsync(HttpMethod.Post, $"/containers/{id}/kill?signal={signal}", null); }
        catch (CommandLine.CliError) { }
    }

    private sealed class Registrations(List<PosixSignalRegistration> list) : IDisposable
    {
        public void Dispose() => list.ForEach(r => r.Dispose());
    }
}
