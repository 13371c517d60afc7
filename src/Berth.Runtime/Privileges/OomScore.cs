using System.Buffers.Text;
using System.Runtime.InteropServices;
using Berth.Runtime.Interop;
using static Berth.Runtime.Interop.Libc.PrivilegeCalls;

namespace Berth.Runtime.Privileges;

/// <summary>An OOM-killer score adjustment (-1000 … 1000), written to /proc/&lt;pid&gt;/oom_score_adj.</summary>
/// <remarks>Lowering the value below what the process last had needs CAP_SYS_RESOURCE, so apply before the capabilities
/// are reduced. The value belongs to the whole process.</remarks>
public readonly record struct OomScore(int Adjustment)
{
    /// <summary>The lowest adjustment (never killed).</summary>
    public const int Min = -1000;

    /// <summary>The highest adjustment (killed first).</summary>
    public const int Max = 1000;

    /// <summary>Validates an OCI oomScoreAdj.</summary>
    public static OomScore FromOci(int adjustment)
        => adjustment is >= Min and <= Max
            ? new OomScore(adjustment)
            : throw new RuntimeException($"process.oomScoreAdj: {adjustment} is outside {Min}..{Max}");

    /// <summary>Writes the adjustment for the calling process.</summary>
    public unsafe void Apply()
    {
        fixed (byte* path = "/proc/self/oom_score_adj\0"u8)
            Write(path);
    }

    /// <summary>Writes the adjustment for process <paramref name="pid"/>.</summary>
    public unsafe void Apply(int pid)
    {
        Span<byte> path = stackalloc byte[48];
        "/proc/"u8.CopyTo(path);
        Utf8Formatter.TryFormat(pid, path[6..], out var digits);
        var end = 6 + digits;
        "/oom_score_adj\0"u8.CopyTo(path[end..]);
        fixed (byte* p = path)
            Write(p);
    }

    /// <summary>The adjustment process <paramref name="pid"/> has now.</summary>
    public static OomScore Read(int pid) => new(int.Parse(File.ReadAllText($"/proc/{pid}/oom_score_adj").AsSpan().Trim()));

    private unsafe void Write(byte* path)
    {
        var text = stackalloc byte[12];
        Utf8Formatter.TryFormat(Adjustment, new Span<byte>(text, 12), out var length);
        var fd = open(path, O_WRONLY | O_CLOEXEC, 0);
        if (fd == -1)
            throw Libc.Error($"opening {Marshal.PtrToStringUTF8((nint)path)}");
        var written = write(fd, text, (nuint)length);
        var errno = Marshal.GetLastPInvokeError();
        Libc.close(fd);
        if (written == -1)
            throw Libc.Error($"setting oom_score_adj to {Adjustment}", errno);
    }
}
