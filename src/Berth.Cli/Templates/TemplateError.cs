namespace Berth.Cli.Templates;

/// <summary>A template that does not parse or cannot be executed; the message follows Go's text/template.</summary>
public sealed class TemplateError(string message, bool isParseError) : Exception(message)
{
    /// <summary>True for parse errors, which docker reports as "template parsing error" with exit status 64.</summary>
    public bool IsParseError { get; } = isParseError;
}
