using Berth.Daemon.Containers.Store;

namespace Berth.Daemon.Containers.Lifecycle;

/// <summary>Announces container events (create, start, die, destroy, …) with dockerd's actor attributes: the
/// container's labels, its image and its name.</summary>
public sealed class ContainerEvents(Events.EventBus bus)
{
    /// <summary>Publishes one container event; extra attributes (exitCode, signal) join the standard ones.</summary>
    public void Publish(string action, ContainerRecord c, IReadOnlyDictionary<string, string>? extra = null)
    {
        var attributes = new Dictionary<string, string>(c.Config.Labels ?? [], StringComparer.Ordinal)
        {
            ["image"] = c.Config.Image ?? c.Image,
            ["name"] = c.Name.TrimStart('/'),
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string>()) attributes[k] = v;
        bus.Publish("container", action, c.Id, attributes);
    }
}
