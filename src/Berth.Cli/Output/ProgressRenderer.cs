using System.Text.Json.Nodes;
using Berth.Cli.CommandLine;

namespace Berth.Cli.Output;

/// <summary>Shows a JSON message stream (load progress and results) as the docker CLI's jsonmessage package does:
/// on a terminal, one line per progress ID redrawn in place; elsewhere only the plain lines.</summary>
public sealed class ProgressRenderer(TextWriter output, bool isTerminal, int terminalWidth)
{
    private const string Escape = "\x1b[";
    // Line of each progress ID, counted from the first; any other message starts a new block.
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    /// <summary>Shows one message; an error message ends the command with it, as docker prints it.</summary>
    public void Show(string line)
    {
        if (JsonNode.Parse(line) is not JsonObject message) return;
        if ((message["errorDetail"]?["message"]?.ToString() ?? message["error"]?.ToString()) is { } error)
            throw new CliError(error, 1);
        var id = message["id"]?.ToString() ?? "";
        var progress = message["progressDetail"] as JsonObject;
        var progressMessage = message["progress"]?.ToString() ?? "";
        var moved = 0;
        if (id.Length > 0 && (progress is not null || progressMessage.Length > 0))
        {
            if (!_lines.TryGetValue(id, out var index))
            {
                index = _lines.Count;
                _lines[id] = index;
                if (isTerminal) output.Write('\n');
            }
            moved = _lines.Count - index;
            if (isTerminal && moved > 0) output.Write($"{Escape}{moved}A");
        }
        else _lines.Clear();
        Display(message, id, progress, progressMessage);
        if (id.Length > 0 && isTerminal && moved > 0) output.Write($"{Escape}{moved}B");
        output.Flush();
    }

    private void Display(JsonObject message, string id, JsonObject? progress, string progressMessage)
    {
        var stream = message["stream"]?.ToString() ?? "";
        var status = message["status"]?.ToString() ?? "";
        var current = progress?["current"]?.GetValue<long>() ?? 0;
        var total = progress?["total"]?.GetValue<long>() ?? 0;
        var end = "";
        if (isTerminal && stream.Length == 0 && progress is not null)
        {
            output.Write($"{Escape}2K\r");
            end = "\r";
        }
        // Off a terminal a progress bar would only be noise.
        else if (progress is not null && ProgressText.Format(current, total, terminalWidth).Length > 0) return;
        if (id.Length > 0) output.Write($"{id}: ");
        if (progress is not null && isTerminal) output.Write($"{status} {ProgressText.Format(current, total, terminalWidth)}{end}");
        else if (progressMessage.Length > 0) output.Write($"{status} {progressMessage}{end}");
        else if (stream.Length > 0) output.Write(stream + end);
        else output.Write($"{status}{end}\n");
    }
}
