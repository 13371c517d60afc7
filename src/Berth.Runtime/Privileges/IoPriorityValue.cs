using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Interop;
using static Berth.Runtime.Interop.Libc.PrivilegeCalls;

namespace Berth.Runtime.Privileges;

/// <summary>An I/O scheduling class and level (ioprio_set); it belongs to the calling thread and is inherited on fork.</summary>
/// <remarks>The real-time class needs CAP_SYS_ADMIN or CAP_SYS_NICE: apply before the capabilities are reduced.</remarks>
public readonly record struct IoPriorityValue(int Class, int Level)
{
    /// <summary>IOPRIO_CLASS_RT: served before everything else.</summary>
    public const int RealTime = 1;

    /// <summary>IOPRIO_CLASS_BE: the default class.</summary>
    public const int BestEffort = 2;

    /// <summary>IOPRIO_CLASS_IDLE: served only when nobody else wants the disk.</summary>
    public const int Idle = 3;

    private const int ClassShift = 13;

    /// <summary>The combined value ioprio_set takes (class in the top bits, level below).</summary>
    public int KernelValue => (Class << ClassShift) | Level;

    /// <summary>Validates an OCI ioPriority: class IOPRIO_CLASS_RT, _BE or _IDLE; priority 0 (highest) … 7.</summary>
    public static IoPriorityValue FromOci(IoPriority priority)
    {
        var ioClass = priority.Class switch
        {
            "IOPRIO_CLASS_RT" => RealTime,
            "IOPRIO_CLASS_BE" => BestEffort,
            "IOPRIO_CLASS_IDLE" => Idle,
            _ => throw new RuntimeException(
                $"process.ioPriority: unknown class \"{priority.Class}\" (expected IOPRIO_CLASS_RT, IOPRIO_CLASS_BE or IOPRIO_CLASS_IDLE)"),
        };
        if (priority.Priority is < 0 or > 7)
            throw new RuntimeException($"process.ioPriority: priority {priority.Priority} is outside 0..7");
        return new IoPriorityValue(ioClass, priority.Priority);
    }

    /// <summary>Sets the calling thread's I/O priority.</summary>
    public void Apply()
    {
        if (Libc.syscall(Sys.IoprioSet, IOPRIO_WHO_PROCESS, 0, KernelValue, 0, 0, 0) == -1)
            throw Libc.Error($"setting I/O priority {this}");
    }

    /// <summary>The I/O priority of thread <paramref name="tid"/> (0 = the calling thread).</summary>
    public static IoPriorityValue Read(int tid)
    {
        var value = (int)Libc.Check(Libc.syscall(Sys.IoprioGet, IOPRIO_WHO_PROCESS, tid, 0, 0, 0, 0), "reading I/O priority");
        return new IoPriorityValue(value >> ClassShift, value & ((1 << ClassShift) - 1));
    }

    /// <summary>"IOPRIO_CLASS_BE/4".</summary>
    public override string ToString() => Class switch
    {
        RealTime => $"IOPRIO_CLASS_RT/{Level}",
        BestEffort => $"IOPRIO_CLASS_BE/{Level}",
        Idle => $"IOPRIO_CLASS_IDLE/{Level}",
        _ => $"class {Class}/{Level}",
    };
}
