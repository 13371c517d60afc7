using Berth.Runtime.Interop;
using static Berth.Runtime.Interop.Libc.PrivilegeCalls;

namespace Berth.Runtime.Privileges;

/// <summary>The calling thread's keep-caps flag (PR_SET_KEEPCAPS): while set, switching every uid away from 0 keeps the
/// permitted set instead of clearing it, so capset can still grant the container's capabilities afterwards.</summary>
public static class KeepCapabilities
{
    /// <summary>Sets keep-caps on the calling thread; call before <see cref="Identity.Apply"/>.</summary>
    public static void Enable() => Set(1);

    /// <summary>Clears keep-caps on the calling thread; call right after <see cref="Identity.Apply"/>.</summary>
    public static void Disable() => Set(0);

    /// <summary>Whether keep-caps is set on the calling thread.</summary>
    public static bool IsEnabled() => Libc.Check(Libc.prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0), "reading keep-caps") == 1;

    private static void Set(ulong value) => Libc.Check(Libc.prctl(PR_SET_KEEPCAPS, value, 0, 0, 0), "setting keep-caps");
}
