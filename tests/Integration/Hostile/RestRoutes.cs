using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Conflicto.Tests.Integration.OpenApi;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace Conflicto.Tests.Integration.Hostile;

/// <summary>One route to attack: its method and template, its parameters, body schema and declared credentials.</summary>
public sealed record RestRoute(
    string Method, string Path, IReadOnlyList<string> PathParameters, IReadOnlyList<(string Name, JsonNode? Schema)> Query,
    JsonNode? BodySchema, IReadOnlyList<string> Schemes, IReadOnlySet<int> DocumentedStatuses, string? OperationId)
{
    public override string ToString() => $"{Method} {Path}";

    public bool TakesBody => BodySchema is not null;
}

/// <summary>
/// Finds every route to attack: all operations of the served OpenAPI document, plus every other
/// endpoint the app maps (web pages, the QR code, the document itself), so a route added later is
/// attacked without anyone listing it. The hub's own endpoints are attacked over the hub.
/// </summary>
public static partial class RestRoutes
{
    public static IReadOnlyList<RestRoute> Discover(ServedDocument document, EndpointDataSource endpoints)
    {
        var routes = document.Operations.Select(o => FromDocument(o)).ToList();
        var described = routes.Select(r => Key(r.Method, r.Path)).ToHashSet();
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            var raw = endpoint.RoutePattern.RawText ?? "";
            if (raw.StartsWith("/hubs/", StringComparison.Ordinal)) continue;
            var path = Constraint().Replace(raw, "{$1}");
            if (!path.StartsWith('/')) path = "/" + path;
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            {
                if (!described.Add(Key(method, path))) continue;
                routes.Add(new RestRoute(method, path, endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList(), [], null, [], new HashSet<int>(), null));
            }
        }
        return routes;
    }

    /// <summary>What the generator cannot attack properly: route parameters it has no real value for.</summary>
    public static IEnumerable<string> Uncovered(IEnumerable<RestRoute> routes, HostileWorld world) =>
        routes.SelectMany(r => r.PathParameters.Where(p => world.RealValue(p, new Random(0)) is null)
            .Select(p => $"{r}: the hostile generator has no real value for route parameter {{{p}}}; add it to HostileWorld.RealValue "
                + "(tests/Integration/Hostile/HostileWorld.cs) so hostile bodies reach the handler."));

    private static RestRoute FromDocument(ServedDocument.Operation operation)
    {
        var parameters = operation.Node["parameters"] as JsonArray ?? [];
        var query = parameters.OfType<JsonObject>().Where(p => p["in"]?.GetValue<string>() == "query")
            .Select(p => (p["name"]!.GetValue<string>(), p["schema"])).ToList();
        var pathParameters = Template().Matches(operation.Path).Select(m => m.Groups[1].Value).ToList();
        var body = operation.Node["requestBody"]?["content"]?.AsObject().FirstOrDefault().Value?["schema"];
        var schemes = (operation.Security ?? []).OfType<JsonObject>().SelectMany(r => r.Select(kv => kv.Key)).Distinct().ToList();
        var statuses = operation.Responses.Select(r => int.TryParse(r.Key, out var s) ? s : 0).Where(s => s > 0).ToHashSet();
        return new RestRoute(operation.Method.ToUpperInvariant(), operation.Path, pathParameters, query, body is null ? null : body,
            schemes, statuses, operation.Node["operationId"]?.GetValue<string>());
    }

    private static string Key(string method, string path) => $"{method.ToUpperInvariant()} {path.TrimEnd('/').ToLowerInvariant()}";

    [GeneratedRegex(@"\{\*{0,2}([^}:?=*]+)[^}]*\}")]
    private static partial Regex Constraint();

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex Template();
}
