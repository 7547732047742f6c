using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Conflicto.Server.Access;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Conflicto.Server.Health;

public sealed record RootResponse(string Name, string Version, string OpenApi, string Health);

/// <summary>
/// <c>/api/v1/health/</c> and <c>/ready</c> run every check (<see cref="HealthChecksSetup"/>) and
/// answer 503 while one is unhealthy (a dependency down, or the schema behind), naming it in
/// <c>failing</c>; degraded is still 200. <c>/live</c> runs none: the process answers, so it is up.
/// Minimal-API handlers over <see cref="HealthCheckService"/> rather than <c>MapHealthChecks</c>,
/// so the routes stay in the OpenAPI description with their response type.
/// </summary>
public static class HealthEndpoints
{
    public static readonly string Version =
        typeof(HealthEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static RouteGroupBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        // Browsers get the web client's landing page; API clients (Accept: application/json, or none) get JSON.
        routes.MapGet("/", (HttpContext http) => Web.WebPages.WantsHtml(http.Request)
            ? Web.WebPages.Page(http, Web.WebPages.Landing)
            : TypedResults.Ok(new RootResponse("Conflicto Realtime", Version, "/openapi/v1.json", "/api/v1/health/"))).WithTags("Health")
            .WithName("GetRoot").Public().WithSummary("Name and version of the service, with links to the API description and health");
        var group = routes.MapGroup("/api/v1/health").WithTags("Health");
        group.MapGet("/", CheckAsync).WithName("CheckHealth").Public().Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Every check (database, Redis, processing, connections, catch-up): 503 while one is unhealthy");
        group.MapGet("/ready", CheckAsync).WithName("CheckReadiness").Public().Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Whether this node should take traffic: 503 naming the failing dependency, or while the node drains");
        group.MapGet("/live", LiveAsync).WithName("CheckLiveness").Public().WithSummary("Whether the process answers at all (no checks)");
        return group;
    }

    /// <summary>Every check: 200 while healthy or degraded, 503 while one is unhealthy.</summary>
    public static Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> CheckAsync(
        HealthCheckService health, TimeProvider clock, HttpContext http, CancellationToken ct) => AnswerAsync(health, _ => true, clock, http, ct);

    /// <summary>No checks: answering is the proof of life.</summary>
    public static Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> LiveAsync(
        HealthCheckService health, TimeProvider clock, HttpContext http, CancellationToken ct) => AnswerAsync(health, _ => false, clock, http, ct);

    private static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> AnswerAsync(
        HealthCheckService health, Func<HealthCheckRegistration, bool> predicate, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var report = await health.CheckHealthAsync(predicate, ct);
        var answer = HealthResponses.From(report, clock.GetUtcNow().UtcDateTime, Version);
        http.Response.Headers.CacheControl = "no-store, no-cache"; // a cached "healthy" would hide an outage
        return report.Status == HealthStatus.Unhealthy
            ? TypedResults.Json(answer, statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok(answer);
    }
}
