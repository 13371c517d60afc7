using System.Text;

namespace Berth.Daemon.Containers.Health;

/// <summary>A probe's stdout and stderr together, as dockerd keeps them: the first 4096 bytes, "..." appended when
/// more came.</summary>
public sealed class ProbeOutput
{
    /// <summary>The most bytes kept (dockerd's maxOutputLen).</summary>
    public const int Limit = 4096;

    private readonly MemoryStream _kept = new();
    private bool _truncated;

    /// <summary>Keeps what still fits of <paramref name="data"/>.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        var room = Limit - (int)_kept.Length;
        var keep = Math.Min(room, data.Length);
        if (keep > 0) _kept.Write(data[..keep]);
        if (keep < data.Length) _truncated = true;
    }

    /// <summary>The kept output as text (invalid UTF-8 replaced, as Go's JSON encoder does).</summary>
    public override string ToString()
        => Encoding.UTF8.GetString(_kept.GetBuffer(), 0, (int)_kept.Length) + (_truncated ? "..." : "");
}
