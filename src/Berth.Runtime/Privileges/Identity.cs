using System.Runtime.InteropServices;
using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Interop;
using static Berth.Runtime.Interop.Libc.PrivilegeCalls;

namespace Berth.Runtime.Privileges;

/// <summary>The user, group, supplementary groups and umask a container process runs with, switched on the calling
/// thread only.</summary>
/// <remarks>glibc's setuid/setgid/setgroups change every thread of the process (a signal broadcast); credentials are
/// per thread in the kernel, so the raw syscalls change just the caller, which is what the init, about to execve from
/// its main thread, wants. Must run between <see cref="KeepCapabilities.Enable"/> and <see cref="KeepCapabilities.Disable"/>,
/// after <see cref="CapabilitySets.ApplyBounding"/> and before <see cref="CapabilitySets.ApplyEffectivePermittedInheritable"/>:
/// it needs CAP_SETGID and CAP_SETUID still effective, and switching to a non-zero uid clears the effective set.</remarks>
public sealed class Identity
{
    // NGROUPS_MAX of linux/limits.h.
    private const int MaxGroups = 65536;

    private readonly uint[] additionalGids;

    /// <summary>Creates the identity as given; <see cref="FromOci"/> is the validating way in.</summary>
    public Identity(uint uid, uint gid, ReadOnlySpan<uint> additionalGids, uint? umask)
    {
        Uid = uid;
        Gid = gid;
        this.additionalGids = additionalGids.ToArray();
        Umask = umask;
    }

    /// <summary>The real, effective, saved and filesystem user id.</summary>
    public uint Uid { get; }

    /// <summary>The real, effective, saved and filesystem group id.</summary>
    public uint Gid { get; }

    /// <summary>The supplementary groups, exactly (an empty list clears them).</summary>
    public IReadOnlyList<uint> AdditionalGids => additionalGids;

    /// <summary>The file mode creation mask, or null to keep the inherited one.</summary>
    public uint? Umask { get; }

    /// <summary>Validates an OCI user. The username field is for Windows and plays no part here.</summary>
    public static Identity FromOci(User user)
    {
        // (uid_t)-1 tells setresuid "leave unchanged", so it can never be a target.
        if (user.Uid == uint.MaxValue)
            throw new RuntimeException($"process.user.uid: {user.Uid} is not a valid user id");
        if (user.Gid == uint.MaxValue)
            throw new RuntimeException($"process.user.gid: {user.Gid} is not a valid group id");
        var groups = user.AdditionalGids ?? [];
        if (groups.Count > MaxGroups)
            throw new RuntimeException($"process.user.additionalGids: {groups.Count} groups, the kernel allows {MaxGroups}");
        foreach (var gid in groups)
        {
            if (gid == uint.MaxValue)
                throw new RuntimeException($"process.user.additionalGids: {gid} is not a valid group id");
        }
        if (user.Umask is > 0x1FF)
            throw new RuntimeException($"process.user.umask: {Convert.ToString(user.Umask.Value, 8)} (octal) is above 777");
        return new Identity(user.Uid, user.Gid, CollectionsMarshal.AsSpan(groups), user.Umask);
    }

    /// <summary>Sets supplementary groups, then gid, then uid, then the umask — in that order, since changing groups
    /// and gid needs the privileges the uid switch gives up.</summary>
    public void Apply()
    {
        ApplyGroups();
        ApplyGid();
        ApplyUid();
        ApplyUmask();
    }

    /// <summary>setgroups for the calling thread only.</summary>
    public unsafe void ApplyGroups()
    {
        fixed (uint* gids = additionalGids)
        {
            if (Libc.syscall(Sys.SetGroups, additionalGids.Length, (long)gids, 0, 0, 0, 0) != -1)
                return;
        }
        var errno = Marshal.GetLastPInvokeError();
        // In a user namespace whose setgroups is "deny" the call always fails; with no groups asked for the
        // container gets what it asked for anyway (runc skips the call there).
        if (errno == 1 && SetgroupsDenied())
        {
            if (additionalGids.Length == 0)
                return;
            throw new RuntimeException("setting supplementary groups: setgroups is denied in this user namespace");
        }
        throw Libc.Error($"setting supplementary groups ({string.Join(',', additionalGids)})", errno);
    }

    /// <summary>setresgid(gid, gid, gid) for the calling thread only.</summary>
    public void ApplyGid()
    {
        if (Libc.syscall(Sys.SetResGid, Gid, Gid, Gid, 0, 0, 0) == -1)
            throw Libc.Error($"setting gid {Gid}");
    }

    /// <summary>setresuid(uid, uid, uid) for the calling thread only.</summary>
    public void ApplyUid()
    {
        if (Libc.syscall(Sys.SetResUid, Uid, Uid, Uid, 0, 0, 0) == -1)
            throw Libc.Error($"setting uid {Uid}");
    }

    /// <summary>Sets the umask, if one is given (it is shared by all threads that share their filesystem context).</summary>
    public void ApplyUmask()
    {
        if (Umask is { } mask)
            umask(mask);
    }

    private static bool SetgroupsDenied()
    {
        try
        {
            return File.ReadAllText("/proc/self/setgroups").Trim() == "deny";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
