using System.Text.Json;

namespace Berth.Oci.RuntimeSpec;

// The process and its parts. Each reader starts at the value token and ends at the object's end token; it creates the
// object with `new` so that absent properties keep their initializers, exactly as the STJ deserializer does.
public static partial class SpecReader
{
    private static Process ReadProcess(ref Utf8JsonReader r, JsonPathTracker p)
    {
        if (!BeginObject(ref r, p)) return null!;
        var o = new Process();
        while (NextProperty(ref r, p))
        {
            if (Is(ref r, p, "terminal"u8, "terminal")) o.Terminal = Bool(ref r, p);
            else if (Is(ref r, p, "consoleSize"u8, "consoleSize")) o.ConsoleSize = ReadConsoleSize(ref r, p);
            else if (Is(ref r, p, "user"u8, "user")) o.User = ReadUser(ref r, p);
            else if (Is(ref r, p, "args"u8, "args")) o.Args = StrList(ref r, p);
            else if (Is(ref r, p, "commandLine"u8, "commandLine")) o.CommandLine = Str(ref r, p);
            else if (Is(ref r, p, "env"u8, "env")) o.Env = StrList(ref r, p);
            else if (Is(ref r, p, "cwd"u8, "cwd")) o.Cwd = Str(ref r, p);
            else if (Is(ref r, p, "capabilities"u8, "capabilities")) o.Capabilities = ReadCapabilities(ref r, p);
            else if (Is(ref r, p, "rlimits"u8, "rlimits")) o.Rlimits = ReadList<Rlimit>(ref r, p, ReadRlimit);
            else if (Is(ref r, p, "noNewPrivileges"u8, "noNewPrivileges")) o.NoNewPrivileges = Bool(ref r, p);
            else if (Is(ref r, p, "apparmorProfile"u8, "apparmorProfile")) o.ApparmorProfile = Str(ref r, p);
            else if (Is(ref r, p, "oomScoreAdj"u8, "oomScoreAdj")) o.OomScoreAdj = I32N(ref r, p);
            else if (Is(ref r, p, "selinuxLabel"u8, "selinuxLabel")) o.SelinuxLabel = Str(ref r, p);
            else if (Is(ref r, p, "ioPriority"u8, "ioPriority")) o.IoPriority = ReadIoPriority(ref r, p);
            else if (Is(ref r, p, "scheduler"u8, "scheduler")) o.Scheduler = ReadScheduler(ref r, p);
            else Skip(ref r, p);
        }
        return o;
    }

    private static ConsoleSize ReadConsoleSize(ref Utf8JsonReader r, JsonPathTracker p)
    {
        if (!BeginObject(ref r, p)) return null!;
        var o = new ConsoleSize();
        while (NextProperty(ref r, p))
        {
            if (Is(ref r, p, "height"u8, "height")) o.Height = U32(ref r, p);
            else if (Is(ref r, p, "width"u8, "width")) o.Width = U32(ref r, p);
            else Skip(ref r, p);
        }
        return o;
    }

    private static User ReadUser(ref Utf8JsonReader r, JsonPathTracker p)
    {
        if (!BeginObject(ref r, p)) return null!;
        var o = new User();
        while (NextProperty(ref r, p))
        {
            if (Is(ref r, p, "uid"u8, "uid")) o.Uid = U32(ref r, p);
            else if (Is(ref r, p, "gid"u8, "gid")) o.Gid = U32(ref r, p);
            else if (Is(ref r, p, "umask"u8, "umask")) o.Umask = U32N(ref r, p);
            else if (Is(ref r, p, "additionalGids"u8, "additionalGids")) o.AdditionalGids = ReadList<uint>(ref r, p, U32);
            else if (Is(ref r, p, "username"u8, "username")) o.Username = Str(ref r, p);
            else Skip(ref r, p);
        }
        return o;
    }

    private static Capabilities ReadCapabilities(ref Utf8JsonReader r, JsonPathTracker p)
    {
        if (!BeginObject(ref r, p)) return null!;
        var o = new Capabilities();
        while (NextProperty(ref r, p))
        {
            if (Is(ref r, p, "bounding"u8, "bounding")) o.Bounding = StrList(ref r, p);
            else if (Is(ref r, p, "effective"u8, "effective")) o.Effective = StrList(ref r, p);
            else if (Is(ref r, p, "inheritable"u8, "inheritable")) o.Inheritable = StrList(ref r, p);
            else if (Is(ref r, p, "permitted"u8, "permitted")) o.Permitted = StrList(ref r, p);
            else if (Is(ref r, p, "ambient"u8, "ambient")) o.Ambient = StrList(ref r, p);
            else Skip(ref r, p);
        }
        return o;
    }

    private static Rlimit ReadRlimit(ref Utf8JsonReader r, JsonPathTracker p)
    {
        if (!BeginObject(ref r, p)) return null!;
        var o = new Rlimit();
        while (NextProperty(ref r, p))
        {
            if (Is(ref r, p, "type"u8, "type")) o.Type = Str(ref r, p);
            else if (Is(ref r, p, "hard"u8, "hard")) o.Hard = U64(ref r, p);
            else if (Is(ref r, p, "soft"u8, "soft")) o.Soft = U64(ref r, p);
            else Skip(ref r, p);
        }
        return o;
    }

    private static IoPriority ReadIoPriority(ref Utf8JsonReader r, JsonPathTracker p)
    {
        if (!BeginObject(ref r, p)) return null!;
        var o = new IoPriority();
        while (NextProperty(ref r, p))
        {
            if (Is(ref r, p, "class"u8, "class")) o.Class = Str(ref r, p);
            else if (Is(ref r, p, "priority"u8, "priority")) o.Priority = I32(ref r, p);
            else Skip(ref r, p);
        }
        return o;
    }

    private static Scheduler ReadScheduler(ref Utf8JsonReader r, JsonPathTracker p)
    {
        if (!BeginObject(ref r, p)) return null!;
        var o = new Scheduler();
        while (NextProperty(ref r, p))
        {
            if (Is(ref r, p, "policy"u8, "policy")) o.Policy = Str(ref r, p);
            else if (Is(ref r, p, "nice"u8, "nice")) o.Nice = I32(ref r, p);
            else if (Is(ref r, p, "priority"u8, "priority")) o.Priority = I32(ref r, p);
            else if (Is(ref r, p, "flags"u8, "flags")) o.Flags = StrList(ref r, p);
            else if (Is(ref r, p, "runtime"u8, "runtime")) o.Runtime = U64(ref r, p);
            else if (Is(ref r, p, "deadline"u8, "deadline")) o.Deadline = U64(ref r, p);
            else if (Is(ref r, p, "period"u8, "period")) o.Period = U64(ref r, p);
            else Skip(ref r, p);
        }
        return o;
    }
}
