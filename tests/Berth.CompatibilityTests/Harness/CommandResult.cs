using System.Text;

namespace Berth.CompatibilityTests.Harness;

/// <summary>What a finished (or timed-out) process left behind: exit code, output and how long it took.</summary>
public sealed record CommandResult(string CommandLine, int ExitCode, string Stdout, string Stderr, bool TimedOut, TimeSpan Elapsed)
{
    /// <summary>True when the process exited by itself with status 0.</summary>
    public bool Succeeded => !TimedOut && ExitCode == 0;

    /// <summary>A multi-line account of the run, for assertion messages.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append("$ ").AppendLine(CommandLine);
        text.Append(TimedOut ? "timed out and killed" : $"exit {ExitCode}").Append(" after ")
            .AppendLine($"{Elapsed.TotalSeconds:F2} s");
        AppendStream(text, "stdout", Stdout);
        AppendStream(text, "stderr", Stderr);
        return text.ToString();
    }

    private static void AppendStream(StringBuilder text, string name, string content)
    {
        if (content.Length == 0) return;
        // Very long outputs (a runaway loop) would bury the rest of the message.
        const int limit = 4000;
        var shown = content.Length > limit ? "…" + content[^limit..] : content;
        text.Append("--- ").AppendLine(name).AppendLine(shown.TrimEnd());
    }
}
