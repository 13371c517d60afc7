namespace Berth.Runtime;

/// <summary>A failure with a one-line message meant for the user of the runtime (printed and logged as is).</summary>
public class RuntimeException : Exception
{
    /// <summary>Creates the error with its user-facing message.</summary>
    public RuntimeException(string message) : base(message) { }

    /// <summary>Creates the error with its user-facing message and the fault behind it.</summary>
    public RuntimeException(string message, Exception inner) : base(message, inner) { }
}
