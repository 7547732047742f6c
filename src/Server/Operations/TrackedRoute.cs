using System.Reflection;
using Conflicto.Server.Access;

namespace Conflicto.Server.Operations;

/// <summary>
/// What <see cref="RestOperationMiddleware"/> needs to know about an endpoint, worked out once per
/// endpoint: the operation's name (method and route pattern, <c>POST /api/v1/sessions/{sessionId}/activities</c>,
/// never the raw path, so names stay few and ids stay out of them), whether the route names a
/// session, whether its handler resolves the <see cref="Caller"/> (only then is there one to read),
/// and whether it handles an answer, whose participant is never recorded (<see cref="AnswerOperations"/>).
/// </summary>
internal sealed record TrackedRoute(string Name, bool HasSessionId, bool ResolvesCaller, bool HidesParticipant = false)
{
    public const string SessionIdRouteValue = "sessionId";

    /// <summary>
    /// The route of an API endpoint; null for what is not an API operation (the web pages, the
    /// hub's negotiation, whose calls the hub filter records, OpenAPI) and for health probes,
    /// which a load balancer sends every few seconds with no session to file them under.
    /// </summary>
    public static TrackedRoute? Of(Endpoint endpoint)
    {
        if (endpoint is not RouteEndpoint { RoutePattern: { RawText: { } pattern } routePattern }) return null;
        var path = pattern.StartsWith('/') ? pattern : "/" + pattern;
        if (!path.StartsWith("/api/", StringComparison.Ordinal) || path.StartsWith("/api/v1/health", StringComparison.Ordinal)) return null;
        var method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is [var only] ? only : "ANY";
        var handler = endpoint.Metadata.GetMetadata<MethodInfo>();
        return new TrackedRoute(
            $"{method} {path}",
            routePattern.GetParameter(SessionIdRouteValue) is not null,
            handler?.GetParameters().Any(p => p.ParameterType == typeof(Caller)) == true,
            AnswerOperations.IsAnswerEndpoint(endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName));
    }
}
