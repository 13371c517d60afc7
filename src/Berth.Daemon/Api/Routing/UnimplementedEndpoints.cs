using Berth.Daemon.Errors;

namespace Berth.Daemon.Api.Routing;

/// <summary>The Engine API 1.47 endpoints berthd does not serve yet; each answers 501 naming itself, never a fake success.</summary>
public static class UnimplementedEndpoints
{
    /// <summary>Method and template of every such endpoint, in an order where literal paths precede templates.</summary>
    public static readonly (string Method, string Template)[] All =
    [
        // Containers
        ("GET", "/containers/{id}/attach/ws"),
        // Images and build
        ("GET", "/images/search"), ("POST", "/images/{name*}/push"),
        ("POST", "/build"), ("POST", "/build/prune"), ("POST", "/build/cancel"),
        ("GET", "/distribution/{name*}/json"), ("POST", "/session"),
        // Networks
        ("GET", "/networks"), ("POST", "/networks/create"), ("POST", "/networks/prune"), ("GET", "/networks/{id}"),
        ("DELETE", "/networks/{id}"), ("POST", "/networks/{id}/connect"), ("POST", "/networks/{id}/disconnect"),
        // Volumes
        ("GET", "/volumes"), ("POST", "/volumes/create"), ("POST", "/volumes/prune"), ("GET", "/volumes/{name}"),
        ("PUT", "/volumes/{name}"), ("DELETE", "/volumes/{name}"),
        // System
        ("POST", "/auth"),
        // Swarm, nodes, services, tasks, secrets, configs
        ("GET", "/swarm"), ("POST", "/swarm/init"), ("POST", "/swarm/join"), ("POST", "/swarm/leave"),
        ("POST", "/swarm/update"), ("GET", "/swarm/unlockkey"), ("POST", "/swarm/unlock"),
        ("GET", "/nodes"), ("GET", "/nodes/{id}"), ("DELETE", "/nodes/{id}"), ("POST", "/nodes/{id}/update"),
        ("GET", "/services"), ("POST", "/services/create"), ("GET", "/services/{id}"), ("DELETE", "/services/{id}"),
        ("POST", "/services/{id}/update"), ("GET", "/services/{id}/logs"),
        ("GET", "/tasks"), ("GET", "/tasks/{id}"), ("GET", "/tasks/{id}/logs"),
        ("GET", "/secrets"), ("POST", "/secrets/create"), ("GET", "/secrets/{id}"), ("DELETE", "/secrets/{id}"),
        ("POST", "/secrets/{id}/update"),
        ("GET", "/configs"), ("POST", "/configs/create"), ("GET", "/configs/{id}"), ("DELETE", "/configs/{id}"),
        ("POST", "/configs/{id}/update"),
        // Plugins
        ("GET", "/plugins"), ("GET", "/plugins/privileges"), ("POST", "/plugins/pull"), ("POST", "/plugins/create"),
        ("GET", "/plugins/{name*}/json"), ("DELETE", "/plugins/{name*}"), ("POST", "/plugins/{name*}/enable"),
        ("POST", "/plugins/{name*}/disable"), ("POST", "/plugins/{name*}/upgrade"), ("POST", "/plugins/{name*}/push"),
        ("POST", "/plugins/{name*}/set"),
    ];

    /// <summary>Registers a 501 route for every endpoint in <see cref="All"/>.</summary>
    public static Router MapUnimplemented(this Router router)
    {
        foreach (var (method, template) in All)
        {
            var message = $"berthd does not implement {method} {template} yet";
            router.Map(method, template, (_, _) => throw new NotImplementedError(message));
        }
        return router;
    }
}
