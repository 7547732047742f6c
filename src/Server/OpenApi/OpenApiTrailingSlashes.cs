using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Conflicto.Server.OpenApi;

/// <summary>
/// ApiExplorer drops a route's trailing slash, so the served document said <c>/api/v1/sessions</c>
/// where the legacy contract (and the route) is <c>/api/v1/sessions/</c>. This puts the slash back
/// for every endpoint whose route pattern ends with one.
/// </summary>
internal sealed class OpenApiTrailingSlashes(EndpointDataSource endpoints) : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var slashed = endpoints.Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText)
            .Where(p => p is { Length: > 1 } && p.EndsWith('/'))
            .Select(p => "/" + p!.Trim('/') + "/")
            .Distinct();
        foreach (var path in slashed)
        {
            var bare = path.TrimEnd('/');
            if (!document.Paths.ContainsKey(path) && document.Paths.Remove(bare, out var item)) document.Paths[path] = item;
        }
        return Task.CompletedTask;
    }
}
