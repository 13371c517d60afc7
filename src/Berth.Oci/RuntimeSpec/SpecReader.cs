using System.Text;
using System.Text.Json;

namespace Berth.Oci.RuntimeSpec;

/// <summary>Reads runtime-spec JSON by hand, with the same results as the source-generated OciJsonContext but without
/// building any System.Text.Json metadata (which costs milliseconds on the first use in every fresh process).</summary>
public static partial class SpecReader
{
    /// <summary>What config.json may contain: comments (as runc and the STJ context allow), no trailing commas.</summary>
    public static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = false,
        MaxDepth = 64,
    };

    private delegate T ValueReader<T>(ref Utf8JsonReader reader, JsonPathTracker path);

    /// <summary>Reads a whole document holding a spec; a JSON null or anything after the object is an error.</summary>
    public static Spec Parse(ReadOnlySpan<byte> utf8Json)
        => ParseDocument(utf8Json, ReadSpec) ?? throw NullDocument();

    /// <summary>Reads a whole document holding a process (`exec --process`); null for a JSON null.</summary>
    public static Process? ParseProcess(ReadOnlySpan<byte> utf8Json) => ParseDocument(utf8Json, ReadProcess);

    /// <summary>Reads a whole document holding resources (`update --resources`); null for a JSON null.</summary>
    public static LinuxResources? ParseResources(ReadOnlySpan<byte> utf8Json) => ParseDocument(utf8Json, ReadResources);

    /// <summary>Reads a spec from a reader that is before or at its start token (as a converter is); leaves the
    /// reader at the spec's end token.</summary>
    public static Spec Read(ref Utf8JsonReader reader) => ReadValue(ref reader, ReadSpec);

    /// <summary>Reads a process object, positioned as <see cref="Read"/>.</summary>
    public static Process ReadProcess(ref Utf8JsonReader reader) => ReadValue(ref reader, ReadProcess);

    /// <summary>Reads a resources object, positioned as <see cref="Read"/>.</summary>
    public static LinuxResources ReadResources(ref Utf8JsonReader reader) => ReadValue(ref reader, ReadResources);

    private static T ReadValue<T>(ref Utf8JsonReader reader, ValueReader<T> read) where T : class
    {
        var path = new JsonPathTracker();
        try
        {
            if (reader.TokenType is JsonTokenType.None or JsonTokenType.Comment) Advance(ref reader, path);
            if (reader.TokenType == JsonTokenType.Null) throw Fail(ref reader, path, "an object");
            return read(ref reader, path);
        }
        catch (ReadFailure f)
        {
            throw new JsonException($"the JSON value at {f.At} {f.Message}", f.At, null, null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw Malformed(e, path, line: null);
        }
    }

    private static T? ParseDocument<T>(ReadOnlySpan<byte> utf8Json, ValueReader<T> read) where T : class
    {
        var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
        var path = new JsonPathTracker();
        try
        {
            Advance(ref reader, path);
            var value = reader.TokenType == JsonTokenType.Null ? null : read(ref reader, path);
            // The reader itself rejects anything but comments and white space after the value.
            if (reader.Read()) throw new ReadFailure("$", "is followed by more JSON", reader.TokenStartIndex);
            return value;
        }
        catch (ReadFailure f)
        {
            var line = LineOf(utf8Json, f.Offset);
            throw new JsonException($"the JSON value at {f.At} {f.Message} (line {line})", f.At, line - 1, null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw Malformed(e, path, e is JsonException j && j.LineNumber is { } l ? l + 1 : LineOf(utf8Json, reader.TokenStartIndex));
        }
    }

    private static JsonException NullDocument() => new("the JSON document is null; expected an object");

    private static JsonException Malformed(Exception e, JsonPathTracker path, long? line)
    {
        var at = path.ToString();
        var where = line is { } l ? $" (line {l})" : "";
        // STJ messages end with their own position ("LineNumber: 3 | BytePositionInLine: 7."); one line is enough.
        var message = e.Message.ReplaceLineEndings(" ");
        return new JsonException($"the JSON at {at} is not valid{where}: {message}", at, line - 1, null, e);
    }

    private static long LineOf(ReadOnlySpan<byte> utf8Json, long offset)
        => 1 + utf8Json[..(int)Math.Clamp(offset, 0, utf8Json.Length)].Count((byte)'\n');

    /// <summary>Moves to the next token; running out of data is an error because every caller expects one.</summary>
    private static void Advance(ref Utf8JsonReader reader, JsonPathTracker path)
    {
        do
        {
            if (!reader.Read()) throw new ReadFailure(path.ToString(), "is incomplete: the JSON ends early", reader.TokenStartIndex);
        }
        while (reader.TokenType == JsonTokenType.Comment);
    }

    /// <summary>At a value: false for null, enters the object for StartObject, fails for anything else.</summary>
    private static bool BeginObject(ref Utf8JsonReader reader, JsonPathTracker path)
    {
        if (reader.TokenType == JsonTokenType.Null) return false;
        if (reader.TokenType != JsonTokenType.StartObject) throw Fail(ref reader, path, "an object");
        path.Enter();
        return true;
    }

    /// <summary>Moves to the next property name of the current object; false (and leaves it) at its end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader, JsonPathTracker path)
    {
        Advance(ref reader, path);
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            path.Exit();
            return false;
        }
        path.Name(null);
        return true;
    }

    /// <summary>At a property name: if it is <paramref name="utf8Name"/>, moves to its value and returns true.</summary>
    private static bool Is(ref Utf8JsonReader reader, JsonPathTracker path, ReadOnlySpan<byte> utf8Name, string name)
    {
        if (!reader.ValueTextEquals(utf8Name)) return false;
        path.Name(name);
        Advance(ref reader, path);
        return true;
    }

    /// <summary>At a property name nobody asked for: skips it with its value, as STJ ignores unknown members.</summary>
    private static void Skip(ref Utf8JsonReader reader, JsonPathTracker path)
    {
        if (!reader.TrySkip()) throw new ReadFailure(path.ToString(), "is incomplete: the JSON ends early", reader.TokenStartIndex);
    }

    private static ReadFailure Fail(ref Utf8JsonReader reader, JsonPathTracker path, string expected)
    {
        var found = reader.TokenType switch
        {
            JsonTokenType.Null => "it is null",
            JsonTokenType.String => "it is a string",
            JsonTokenType.Number => IsNumeric(expected) ? "it is out of range or not an integer" : "it is a number",
            JsonTokenType.True or JsonTokenType.False => "it is a boolean",
            JsonTokenType.StartObject => "it is an object",
            JsonTokenType.StartArray => "it is an array",
            _ => $"found {reader.TokenType}",
        };
        return new ReadFailure(path.ToString(), $"could not be read as {expected}: {found}", reader.TokenStartIndex);

        static bool IsNumeric(string expected) => expected.EndsWith("number", StringComparison.Ordinal);
    }

    // Scalar readers. Reference-typed results are null for JSON null (STJ does the same even for properties declared
    // non-nullable), hence the null-forgiving returns; non-nullable value types reject null as STJ does.

    private static string Str(ref Utf8JsonReader r, JsonPathTracker p) => r.TokenType switch
    {
        JsonTokenType.String => r.GetString()!,
        JsonTokenType.Null => null!,
        _ => throw Fail(ref r, p, "a string"),
    };

    private static bool Bool(ref Utf8JsonReader r, JsonPathTracker p) => r.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw Fail(ref r, p, "a boolean"),
    };

    private static bool? BoolN(ref Utf8JsonReader r, JsonPathTracker p)
        => r.TokenType == JsonTokenType.Null ? null : Bool(ref r, p);

    private static ushort U16(ref Utf8JsonReader r, JsonPathTracker p)
        => r.TokenType == JsonTokenType.Number && r.TryGetUInt16(out var v) ? v : throw Fail(ref r, p, "a 16-bit unsigned number");

    private static ushort? U16N(ref Utf8JsonReader r, JsonPathTracker p)
        => r.TokenType == JsonTokenType.Null ? null : U16(ref r, p);

    private static int I32(ref Utf8JsonReader r, JsonPathTracker p)
        => r.TokenType == JsonTokenType.Number && r.TryGetInt32(out var v) ? v : throw Fail(ref r, p, "a 32-bit signed number");

    private static int? I32N(ref Utf8JsonReader r, JsonPathTracker p)
        => r.TokenType == JsonTokenType.Null ? null : I32(ref r, p);

    private static uint U32(ref Utf8JsonReader r, JsonPathTracker p)
        => r.TokenType == JsonTokenType.Number && r.TryGetUInt32(out var v) ? v : throw Fail(ref r, p, "a 32-bit unsigned number");

    private static uint? U32N(ref Utf8JsonReader r, JsonPathTracker p)
        => r.TokenType == JsonTokenType.Null ? null : U32(ref r, p);

    private static long I64(ref Utf8JsonReader r, JsonPathTracker p)
        => r.TokenType == JsonTokenType.Number && r.TryGetInt64(out var v) ? v : throw Fail(ref r, p, "a 64-bit signed number");

    private static long? I64N(ref Utf8JsonReader r, JsonPathTracker p)
        => r.TokenType == JsonTokenType.Null ? null : I64(ref r, p);

    private static ulong U64(ref Utf8JsonReader r, JsonPathTracker p)
        => r.TokenType == JsonTokenType.Number && r.TryGetUInt64(out var v) ? v : throw Fail(ref r, p, "a 64-bit unsigned number");

    private static ulong? U64N(ref Utf8JsonReader r, JsonPathTracker p)
        => r.TokenType == JsonTokenType.Null ? null : U64(ref r, p);

    private static List<T> ReadList<T>(ref Utf8JsonReader r, JsonPathTracker p, ValueReader<T> element)
    {
        if (r.TokenType == JsonTokenType.Null) return null!;
        if (r.TokenType != JsonTokenType.StartArray) throw Fail(ref r, p, "an array");
        var list = new List<T>();
        p.Enter();
        for (var i = 0; ; i++)
        {
            Advance(ref r, p);
            if (r.TokenType == JsonTokenType.EndArray) break;
            p.Index(i);
            list.Add(element(ref r, p));
        }
        p.Exit();
        return list;
    }

    private static List<string> StrList(ref Utf8JsonReader r, JsonPathTracker p) => ReadList<string>(ref r, p, Str);

    private static Dictionary<string, string> StrMap(ref Utf8JsonReader r, JsonPathTracker p)
    {
        if (!BeginObject(ref r, p)) return null!;
        var map = new Dictionary<string, string>();
        while (NextProperty(ref r, p))
        {
            var key = r.GetString()!;
            p.Name(key);
            Advance(ref r, p);
            // The indexer, not Add: STJ lets a repeated key overwrite the earlier one.
            map[key] = Str(ref r, p);
        }
        return map;
    }

    /// <summary>A failure found while reading, turned into a JsonException (with a line where known) at the entry point.</summary>
    private sealed class ReadFailure(string at, string message, long offset) : Exception(message)
    {
        internal string At { get; } = at;
        internal long Offset { get; } = offset;
    }

    /// <summary>The JSON path of the value being read, kept as cheap slots and rendered only for error messages.</summary>
    private sealed class JsonPathTracker
    {
        private string?[] _names = new string?[16];
        private int[] _indices = new int[16];
        private int _depth;

        internal void Enter()
        {
            if (_depth == _names.Length)
            {
                Array.Resize(ref _names, _depth * 2);
                Array.Resize(ref _indices, _depth * 2);
            }
            _names[_depth] = null;
            _indices[_depth] = -1;
            _depth++;
        }

        internal void Exit() => _depth--;

        internal void Name(string? name) => _names[_depth - 1] = name;

        internal void Index(int index) => _indices[_depth - 1] = index;

        public override string ToString()
        {
            var text = new StringBuilder("$");
            for (var i = 0; i < _depth; i++)
            {
                if (_names[i] is { } name) text.Append(IsPlain(name) ? $".{name}" : $"['{name}']");
                else if (_indices[i] >= 0) text.Append('[').Append(_indices[i]).Append(']');
            }
            return text.ToString();
        }

        private static bool IsPlain(string name)
        {
            if (name.Length == 0) return false;
            foreach (var c in name)
                if (!char.IsAsciiLetterOrDigit(c) && c != '_') return false;
            return true;
        }
    }
}
