using System.Runtime.InteropServices;
using System.Text;
using Berth.Runtime.Interop;
using static Berth.Runtime.Interop.Libc.Bpf;
using static Berth.Runtime.Interop.Libc.Cgroupfs;

namespace Berth.Runtime.Cgroups.V2.DeviceFilter;

/// <summary>
/// Loads a device program with bpf(2) and attaches it to a cgroup2 directory, replacing the device programs
/// attached there before so that updates do not pile programs up.
/// </summary>
internal static unsafe class DeviceProgramAttachment
{
    private static ReadOnlySpan<byte> License => "GPL\0"u8;
    private static ReadOnlySpan<byte> ProgramName => "berth_devices\0"u8;

    /// <summary>Loads the program and makes it the only device program of the cgroup.</summary>
    public static void Replace(string cgroupDirectory, IReadOnlyList<BpfInstruction> program)
    {
        int programFd = Load(program);
        try
        {
            int directoryFd = OpenDirectory(cgroupDirectory);
            try
            {
                var (previous, flags) = Query(directoryFd, cgroupDirectory);
                Attach(directoryFd, cgroupDirectory, programFd, previous, flags);
            }
            finally
            {
                Libc.close(directoryFd);
            }
        }
        finally
        {
            Libc.close(programFd);
        }
    }

    /// <summary>The IDs of the device programs attached directly to the cgroup.</summary>
    public static List<uint> AttachedProgramIds(string cgroupDirectory)
    {
        int directoryFd = OpenDirectory(cgroupDirectory);
        try
        {
            return Query(directoryFd, cgroupDirectory).Ids;
        }
        finally
        {
            Libc.close(directoryFd);
        }
    }

    /// <summary>BPF_PROG_LOAD; on failure loads again with the verifier log to explain why.</summary>
    private static int Load(IReadOnlyList<BpfInstruction> program)
    {
        byte[] code = BpfInstruction.Encode(program);
        int fd = LoadOnce(code, null);
        if (fd >= 0) return fd;
        int errno = Marshal.GetLastPInvokeError();

        byte[] log = new byte[64 * 1024];
        if (LoadOnce(code, log) is int retry and >= 0) return retry;
        string verifier = Encoding.UTF8.GetString(log).TrimEnd('\0').Trim().Replace('\n', ' ');
        if (verifier.Length > 400) verifier = "…" + verifier[^400..];
        var error = Libc.Error("load the device cgroup eBPF program", errno);
        throw verifier.Length == 0 ? error : new RuntimeException($"{error.Message} (verifier: {verifier})");
    }

    private static int LoadOnce(byte[] code, byte[]? log)
    {
        fixed (byte* codePointer = code)
        fixed (byte* licensePointer = License)
        fixed (byte* logPointer = log)
        {
            var attr = new ProgLoadAttr
            {
                ProgType = BPF_PROG_TYPE_CGROUP_DEVICE,
                InsnCount = (uint)(code.Length / BpfInstruction.Size),
                Insns = (ulong)codePointer,
                License = (ulong)licensePointer,
                LogLevel = log is null ? 0u : 1u,
                LogSize = log is null ? 0u : (uint)log.Length,
                LogBuffer = (ulong)logPointer,
            };
            ProgramName.CopyTo(new Span<byte>(attr.ProgName, 16));
            return Call(BPF_PROG_LOAD, ref attr);
        }
    }

    private static (List<uint> Ids, uint Flags) Query(int directoryFd, string cgroupDirectory)
    {
        var ids = new uint[64];
        fixed (uint* idsPointer = ids)
        {
            var attr = new ProgQueryAttr
            {
                TargetFd = (uint)directoryFd,
                AttachType = BPF_CGROUP_DEVICE,
                ProgIds = (ulong)idsPointer,
                ProgCount = (uint)ids.Length,
            };
            if (Call(BPF_PROG_QUERY, ref attr) < 0)
                throw Libc.Error($"query the device programs of {cgroupDirectory}");
            return (ids.Take((int)attr.ProgCount).ToList(), attr.AttachFlags);
        }
    }

    private static void Attach(int directoryFd, string cgroupDirectory, int programFd, List<uint> previous, uint flags)
    {
        bool multi = previous.Count == 0 || (flags & BPF_F_ALLOW_MULTI) != 0;
        if (!multi)
        {
            // Someone attached an exclusive program: attaching without flags replaces it in place.
            AttachOrThrow(directoryFd, cgroupDirectory, programFd, 0, 0);
            return;
        }
        if (previous.Count == 1)
        {
            // Swap atomically, so there is no moment with no program or with both.
            int oldFd = ProgramFd(previous[0]);
            if (oldFd >= 0)
            {
                try
                {
                    if (TryAttach(directoryFd, programFd, BPF_F_ALLOW_MULTI | BPF_F_REPLACE, oldFd)) return;
                }
                finally
                {
                    Libc.close(oldFd);
                }
            }
        }
        // Attach first, then detach the old ones: in between both apply, which only ever refuses more.
        AttachOrThrow(directoryFd, cgroupDirectory, programFd, BPF_F_ALLOW_MULTI, 0);
        foreach (uint id in previous)
        {
            int oldFd = ProgramFd(id);
            if (oldFd < 0) continue; // already gone
            try
            {
                var detach = new ProgAttachAttr { TargetFd = (uint)directoryFd, AttachBpfFd = (uint)oldFd, AttachType = BPF_CGROUP_DEVICE };
                if (Call(BPF_PROG_DETACH, ref detach) < 0)
                    throw Libc.Error($"detach the previous device program {id} from {cgroupDirectory}");
            }
            finally
            {
                Libc.close(oldFd);
            }
        }
    }

    private static bool TryAttach(int directoryFd, int programFd, uint flags, int replaceFd)
    {
        var attr = new ProgAttachAttr
        {
            TargetFd = (uint)directoryFd,
            AttachBpfFd = (uint)programFd,
            AttachType = BPF_CGROUP_DEVICE,
            AttachFlags = flags,
            ReplaceBpfFd = (uint)replaceFd,
        };
        return Call(BPF_PROG_ATTACH, ref attr) == 0;
    }

    private static void AttachOrThrow(int directoryFd, string cgroupDirectory, int programFd, uint flags, int replaceFd)
    {
        if (!TryAttach(directoryFd, programFd, flags, replaceFd))
            throw Libc.Error($"attach the device cgroup eBPF program to {cgroupDirectory}");
    }

    private static int ProgramFd(uint id)
    {
        var attr = new GetFdByIdAttr { Id = id };
        return Call(BPF_PROG_GET_FD_BY_ID, ref attr);
    }

    private static int OpenDirectory(string path)
    {
        int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
        return fd >= 0 ? fd : throw Libc.Error($"open cgroup {path}");
    }
}
