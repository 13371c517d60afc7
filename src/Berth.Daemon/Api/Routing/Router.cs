using Berth.Daemon.Errors;

namespace Berth.Daemon.Api.Routing;

/// <summary>A request handler with the route's parameters.</summary>
public delegate Task RouteHandler(HttpContext context, IReadOnlyDictionary<string, string> parameters);

/// <summary>Docker's routing: first matching method and template wins; anything else, even a known path with the wrong method, is 404 "page not found".</summary>
public sealed class Router
{
    private readonly List<(string Method, RouteTemplate Template, RouteHandler Handler)> _routes = [];

    /// <summary>Adds a route; earlier routes win, so literal paths go before templated ones.</summary>
    public Router Map(string method, string template, RouteHandler handler)
    {
        _routes.Add((method, new RouteTemplate(template), handler));
        return this;
    }

    /// <summary>The templates registered for a method, for tests and diagnostics.</summary>
    public IEnumerable<string> Templates(string method) => _routes.Where(r => r.Method == method).Select(r => r.Template.Text);

    /// <summary>Dispatches the request (whose path has lost its version prefix already).</summary>
    public Task DispatchAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var method = context.Request.Method;
        foreach (var (m, template, handler) in _routes)
        {
            if (!string.Equals(m, method, StringComparison.OrdinalIgnoreCase)) continue;
            if (template.Match(path) is { } parameters) return handler(context, parameters);
        }
        throw new NotFoundError("page not found");
    }
}
