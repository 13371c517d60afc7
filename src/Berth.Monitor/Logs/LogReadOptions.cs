namespace Berth.Monitor.Logs;

/// <summary>What `logs` asks for: entries after Since and up to Until, only the last Tail (-1 = all), then Follow new ones.</summary>
public sealed record LogReadOptions(DateTimeOffset? Since = null, DateTimeOffset? Until = null, int Tail = -1, bool Follow = false);
