namespace Berth.Build.Dockerfile;

/// <summary>One instruction of a Dockerfile: its keyword in lower case, the text after it, and the line as written.</summary>
public sealed record Instruction(string Keyword, string Arguments, string Original);

/// <summary>Splits Dockerfile text into instructions as Docker's parser does: comment lines and blank lines dropped,
/// a trailing backslash continuing the instruction on the next line.</summary>
public static class InstructionLines
{
    /// <summary>The instructions of text; "file with no instructions" when there are none.</summary>
    public static List<Instruction> Parse(string text)
    {
        var result = new List<Instruction>();
        var pending = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var trimmed = line.TrimStart();
            // A comment inside a continued instruction is skipped without ending it.
            if (trimmed.StartsWith('#') || (trimmed.Length == 0 && pending.Length > 0)) continue;
            var body = line.TrimEnd();
            if (body.EndsWith('\\'))
            {
                pending += body[..^1];
                continue;
            }
            Add(result, pending + line);
            pending = "";
        }
        Add(result, pending);
        if (result.Count == 0) throw new DockerfileException("file with no instructions");
        return result;
    }

    private static void Add(List<Instruction> result, string line)
    {
        var text = line.Trim();
        if (text.Length == 0) return;
        var end = 0;
        while (end < text.Length && !char.IsWhiteSpace(text[end])) end++;
        result.Add(new Instruction(text[..end].ToLowerInvariant(), text[end..].Trim(), text));
    }
}
