using Berth.Storage.Images;

namespace Berth.Daemon.Api.Handlers;

/// <summary>Docker's progress reader rule for which reads become messages: after each 1% (at most 512 KiB) of a
/// layer, no more than one in 100 ms, except that the end of a layer is always reported.</summary>
public sealed class ProgressThrottle(Action<LayerProgress> emit, TimeProvider? clock = null)
{
    private const long MaxStep = 512 * 1024;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private string? _id;
    private long _lastUpdate;
    private long? _allowedAt;

    /// <summary>Hears one read of a layer's bytes.</summary>
    public void Report(LayerProgress progress)
    {
        // Docker starts a fresh reader (and rate limiter) for every layer.
        if (progress.Id != _id || progress.Current < _lastUpdate)
        {
            _id = progress.Id;
            _lastUpdate = 0;
            _allowedAt = null;
        }
        var step = progress.Total > 0 ? Math.Min(MaxStep, (long)(0.01 * progress.Total)) : MaxStep;
        if (progress.Current - _lastUpdate <= step && !progress.Done) return;
        if (progress.Done || progress.Current == progress.Total || Allow()) emit(progress);
        _lastUpdate = progress.Current;
    }

    // A token bucket of one token refilled every 100 ms, like golang.org/x/time/rate with burst 1.
    private bool Allow()
    {
        var now = _clock.GetTimestamp();
        if (_allowedAt is { } last && _clock.GetElapsedTime(last, now) < Interval) return false;
        _allowedAt = now;
        return true;
    }
}
