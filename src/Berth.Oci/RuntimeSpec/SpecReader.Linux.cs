using System.Text.Json;

namespace Berth.Oci.RuntimeSpec;

// The spec itself, its root, mounts and hooks, and the Linux section apart from resources.
public static partial class SpecReader
{
    private static Spec ReadSpec(ref Utf8JsonReader r, JsonPathTracker p)
    {
        if (!BeginObject(ref r, p)) return null!;
        var o = new Spec();
        while (NextProperty(ref r, p))
        {
            if (Is(ref r, p, "ociVersion"u8, "ociVersion")) o.OciVersion = Str(ref r, p);
            else if (Is(ref r, p, "process"u8, "process")) o.Process = ReadProcess(ref r, p);
            else if (Is(ref r, p, "root"u8, "root")) o.Root = ReadRoot(ref r, p);
            else if (Is(ref r, p, "hostname"u8, "hostname")) o.Hostname = Str(ref r, p);
            else if (Is(ref r, p, "domainname"u8, "domainname")) o.Domainname = Str(ref r, p);
            else if (Is(ref r, p, "mounts"u8, "mounts")) o.Mounts = ReadList<Mount>(ref r, p, ReadMount);
            else if (Is(ref r, p, "hooks"u8, "hooks")) o.Hooks = ReadHooks(ref r, p);
            else if (Is(ref r, p, "annotations"u8, "annotations")) o.Annotations = StrMap(ref r, p);
            else if (Is(ref r, p, "linux"u8, "linux")) o.Linux = ReadLinux(ref r, p);
            else Skip(ref r, p);
        }
        return o;
    }

    private static Root ReadRoot(ref Utf8JsonReader r, JsonPathTracker p)
    {
        if (!BeginObject(ref r, p)) return null!;
        var o = new Root();
        while (NextProperty(ref r, p))
        {
            if (Is(ref r, p, "path"u8, "path")) o.Path = Str(ref r, p);
            else if (Is(ref r, p, "readonly"u8, "readonly")) o.Readonly = Bool(ref r, p);
            else Skip(ref r, p);
        }
        return o;
    }

    private static Mount ReadMount(ref Utf8JsonReader r, JsonPathTracker p)
    {
        if (!BeginObject(ref r, p)) return null!;
        var o = new Mount();
        while (NextProperty(ref r, p))
        {
            if (Is(ref r, p, "destination"u8, "destination")) o.Destination = Str(ref r, p);
            else if (Is(ref r, p, "type"u8, "type")) o.Type = Str(ref r, p);
            else if (Is(ref r, p, "source"u8, "source")) o.Source = Str(ref r, p);
            else if (Is(ref r, p, "options"u8, "options")) o.Options = StrList(ref r, p);
            else if (Is(ref r, p, "uidMappings"u8, "uidMappings")) o.UidMappings = ReadList<IdMapping>(ref r, p, ReadIdMapping);
            else if (Is(ref r, p, "gidMappings"u8, "gidMappings")) o.GidMappings = ReadList<IdMapping>(ref r, p, ReadIdMapping);
            else Skip(ref r, p);
        }
        return o;
    }

    private static IdMapping ReadIdMapping(ref Utf8JsonReader r, JsonPathTracker p)
    {
        if (!BeginObject(ref r, p)) return null!;
        var o = new IdMapping();
        while (NextProperty(ref r, p))
        {
            if (Is(ref r, p, "containerID"u8, "containerID")) o.ContainerId = U32(ref r, p);
            else if (Is(ref r, p, "hostID"u8, "hostID")) o.HostId = U32(ref r, p);
            else if (Is(ref r, p, "size"u8, "size")) o.Size = U32(ref r, p);
            else Skip(ref r, p);
        }
        return o;
    }

    private static Hooks ReadHooks(ref Utf8JsonReader r, JsonPathTracker p)
    {
        if (!BeginObject(ref r, p)) return null!;
        var o = new Hooks();
        while (NextProperty(ref r, p))
        {
            if (Is(ref r, p, "prestart"u8, "prestart")) o.Prestart = ReadList<Hook>(ref r, p, ReadHook);
            else if (Is(ref r, p, "createRuntime"u8, "createRuntime")) o.CreateRuntime = ReadList<Hook>(ref r, p, ReadHook);
            else if (Is(ref r, p, "createContainer"u8, "createContainer")) o.CreateContainer = ReadList<Hook>(ref r, p, ReadHook);
            else if (Is(ref r, p, "startContainer"u8, "startContainer")) o.StartContainer = ReadList<Hook>(ref r, p, ReadHook);
            else if (Is(ref r, p, "poststart"u8, "poststart")) o.Poststart = ReadList<Hook>(ref r, p, ReadHook);
            else if (Is(ref r, p, "poststop"u8, "poststop")) o.Poststop = ReadList<Hook>(ref r, p, ReadHook);
            else Skip(ref r, p);
        }
        return o;
    }

    private static Hook ReadHook(ref Utf8JsonReader r, JsonPathTracker p)
    {
        if (!BeginObject(ref r, p)) return null!;
        var o = new Hook();
        while (NextProperty(ref r, p))
        {
            if (Is(ref r, p, "path"u8, "path")) o.Path = Str(ref r, p);
            else if (Is(ref r, p, "args"u8, "args")) o.Args = StrList(ref r, p);
            else if (Is(ref r, p, "env"u8, "env")) o.Env = StrList(ref r, p);
            else if (Is(ref r, p, "timeout"u8, "timeout")) o.Timeout = I32N(ref r, p);
            else Skip(ref r, p);
        }
        return o;
    }

    private static Linux ReadLinux(ref Utf8JsonReader r, JsonPathTracker p)
    {
        if (!BeginObject(ref r, p)) return null!;
        var o = new Linux();
        while (NextProperty(ref r, p))
        {
            if (Is(ref r, p, "uidMappings"u8, "uidMappings")) o.UidMappings = ReadList<IdMapping>(ref r, p, ReadIdMapping);
            else if (Is(ref r, p, "gidMappings"u8, "gidMappings")) o.GidMappings = ReadList<IdMapping>(ref r, p, ReadIdMapping);
            else if (Is(ref r, p, "sysctl"u8, "sysctl")) o.Sysctl = StrMap(ref r, p);
            else if (Is(ref r, p, "resources"u8, "resources")) o.Resources = ReadResources(ref r, p);
            else if (Is(ref r, p, "cgroupsPath"u8, "cgroupsPath")) o.CgroupsPath = Str(ref r, p);
            else if (Is(ref r, p, "namespaces"u8, "namespaces")) o.Namespaces = ReadList<LinuxNamespace>(ref r, p, ReadNamespace);
            else if (Is(ref r, p, "devices"u8, "devices")) o.Devices = ReadList<LinuxDevice>(ref r, p, ReadDevice);
            else if (Is(ref r, p, "seccomp"u8, "seccomp")) o.Seccomp = ReadSeccomp(ref r, p);
            else if (Is(ref r, p, "rootfsPropagation"u8, "rootfsPropagation")) o.RootfsPropagation = Str(ref r, p);
            else if (Is(ref r, p, "maskedPaths"u8, "maskedPaths")) o.MaskedPaths = StrList(ref r, p);
            else if (Is(ref r, p, "readonlyPaths"u8, "readonlyPaths")) o.ReadonlyPaths = StrList(ref r, p);
            else if (Is(ref r, p, "mountLabel"u8, "mountLabel")) o.MountLabel = Str(ref r, p);
            else if (Is(ref r, p, "personality"u8, "personality")) o.Personality = ReadPersonality(ref r, p);
            else Skip(ref r, p);
        }
        return o;
    }

    private static LinuxNamespace ReadNamespace(ref Utf8JsonReader r, JsonPathTracker p)
    {
        if (!BeginObject(ref r, p)) return null!;
        var o = new LinuxNamespace();
        while (NextProperty(ref r, p))
        {
            if (Is(ref r, p, "type"u8, "type")) o.Type = Str(ref r, p);
            else if (Is(ref r, p, "path"u8, "path")) o.Path = Str(ref r, p);
            else Skip(ref r, p);
        }
        return o;
    }

    private static LinuxDevice ReadDevice(ref Utf8JsonReader r, JsonPathTracker p)
    {
        if (!BeginObject(ref r, p)) return null!;
        var o = new LinuxDevice();
        while (NextProperty(ref r, p))
        {
            if (Is(ref r, p, "type"u8, "type")) o.Type = Str(ref r, p);
            else if (Is(ref r, p, "path"u8, "path")) o.Path = Str(ref r, p);
            else if (Is(ref r, p, "major"u8, "major")) o.Major = I64(ref r, p);
            else if (Is(ref r, p, "minor"u8, "minor")) o.Minor = I64(ref r, p);
            else if (Is(ref r, p, "fileMode"u8, "fileMode")) o.FileMode = U32N(ref r, p);
            else if (Is(ref r, p, "uid"u8, "uid")) o.Uid = U32N(ref r, p);
            else if (Is(ref r, p, "gid"u8, "gid")) o.Gid = U32N(ref r, p);
            else Skip(ref r, p);
        }
        return o;
    }

    private static LinuxPersonality ReadPersonality(ref Utf8JsonReader r, JsonPathTracker p)
    {
        if (!BeginObject(ref r, p)) return null!;
        var o = new LinuxPersonality();
        while (NextProperty(ref r, p))
        {
            if (Is(ref r, p, "domain"u8, "domain")) o.Domain = Str(ref r, p);
            else if (Is(ref r, p, "flags"u8, "flags")) o.Flags = StrList(ref r, p);
            else Skip(ref r, p);
        }
        return o;
    }

    private static LinuxSeccomp ReadSeccomp(ref Utf8JsonReader r, JsonPathTracker p)
    {
        if (!BeginObject(ref r, p)) return null!;
        var o = new LinuxSeccomp();
        while (NextProperty(ref r, p))
        {
            if (Is(ref r, p, "defaultAction"u8, "defaultAction")) o.DefaultAction = Str(ref r, p);
            else if (Is(ref r, p, "defaultErrnoRet"u8, "defaultErrnoRet")) o.DefaultErrnoRet = U32N(ref r, p);
            else if (Is(ref r, p, "architectures"u8, "architectures")) o.Architectures = StrList(ref r, p);
            else if (Is(ref r, p, "flags"u8, "flags")) o.Flags = StrList(ref r, p);
            else if (Is(ref r, p, "listenerPath"u8, "listenerPath")) o.ListenerPath = Str(ref r, p);
            else if (Is(ref r, p, "listenerMetadata"u8, "listenerMetadata")) o.ListenerMetadata = Str(ref r, p);
            else if (Is(ref r, p, "syscalls"u8, "syscalls")) o.Syscalls = ReadList<LinuxSyscall>(ref r, p, ReadSyscall);
            else Skip(ref r, p);
        }
        return o;
    }

    private static LinuxSyscall ReadSyscall(ref Utf8JsonReader r, JsonPathTracker p)
    {
        if (!BeginObject(ref r, p)) return null!;
        var o = new LinuxSyscall();
        while (NextProperty(ref r, p))
        {
            if (Is(ref r, p, "names"u8, "names")) o.Names = StrList(ref r, p);
            else if (Is(ref r, p, "action"u8, "action")) o.Action = Str(ref r, p);
            else if (Is(ref r, p, "errnoRet"u8, "errnoRet")) o.ErrnoRet = U32N(ref r, p);
            else if (Is(ref r, p, "args"u8, "args")) o.Args = ReadList<LinuxSeccompArg>(ref r, p, ReadSeccompArg);
            else Skip(ref r, p);
        }
        return o;
    }

    private static LinuxSeccompArg ReadSeccompArg(ref Utf8JsonReader r, JsonPathTracker p)
    {
        if (!BeginObject(ref r, p)) return null!;
        var o = new LinuxSeccompArg();
        while (NextProperty(ref r, p))
        {
            if (Is(ref r, p, "index"u8, "index")) o.Index = U32(ref r, p);
            else if (Is(ref r, p, "value"u8, "value")) o.Value = U64(ref r, p);
            else if (Is(ref r, p, "valueTwo"u8, "valueTwo")) o.ValueTwo = U64(ref r, p);
            else if (Is(ref r, p, "op"u8, "op")) o.Op = Str(ref r, p);
            else Skip(ref r, p);
        }
        return o;
    }
}
