using System.Globalization;
using Conflicto.Server.Realtime;
using Microsoft.Net.Http.Headers;

namespace Conflicto.Server.Shutdown;

/// <summary>
/// While the node drains, what would start new work here gets 503 problem+json with
/// <c>Retry-After</c> and <c>Connection: close</c>, so a load balancer (or the client's retry)
/// takes it to another node: hub negotiations and connections (a request to the hub path without
/// <c>id</c>, which is how a client skipping negotiation connects) and API requests. Requests of
/// connections that already exist (<c>id=</c>: long-polling polls and sends) go through, so those
/// clients still receive their <c>Reconnect</c>; requests in flight finish; health endpoints answer
/// for themselves (readiness says "draining").
/// </summary>
public sealed class DrainMiddleware(RequestDelegate next, NodeDrain drain)
{
    public const int RetryAfterSeconds = 1;
    private static readonly PathString Api = "/api";
    private static readonly PathString Health = "/api/v1/health";
    private static readonly PathString Hub = RealtimeServiceCollectionExtensions.HubPath;

    public Task InvokeAsync(HttpContext context)
    {
        if (!drain.IsDraining || !StartsWork(context.Request)) return next(context);
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.Connection = "close";
        return TypedResults.Problem("This server is shutting down: try again, another server will answer.",
            statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable").ExecuteAsync(context);
    }

    public static bool StartsWork(HttpRequest request) =>
        request.Path.StartsWithSegments(Hub) ? !request.Query.ContainsKey("id")
        : request.Path.StartsWithSegments(Api) && !request.Path.StartsWithSegments(Health);
}
