using System.Reflection;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Conflicto.Server.Access;
using Npgsql;

namespace Conflicto.Server.Health;

public sealed record HealthResponse(string Status, DateTime Timestamp, string Version, IReadOnlyDictionary<string, string>? Checks = null, QueueHealth? Processing = null);

/// <summary>The processing pipeline as this node sees it, and the jobs of all nodes by status.</summary>
public sealed record QueueHealth(
    int QueueDepth, int QueueCapacity, long QueueDropped, int Workers, int WorkersBusy, int WorkersIdle,
    int Pending, int Processing, int Failed, double? OldestPendingAgeSeconds);

public sealed record RootResponse(string Name, string Version, string OpenApi, string Health);

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
        group.MapGet("/", CheckAsync).WithName("CheckHealth").Public().Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable).WithSummary("Whether the server and its database answer");
        group.MapGet("/ready", ReadyAsync).WithName("CheckReadiness").Public().Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable).WithSummary("The health check plus the processing queue's state");
        group.MapGet("/live", (TimeProvider clock) => TypedResults.Ok(new HealthResponse("healthy", clock.GetUtcNow().UtcDateTime, Version)))
            .WithName("CheckLiveness").Public().WithSummary("Whether the process answers at all (no checks)");
        return group;
    }

    /// <summary>The health check plus the processing queue's state (depth, busy workers, failures, oldest pending job).</summary>
    public static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> ReadyAsync(
        NpgsqlDataSource dataSource, TimeProvider clock, ILogger<HealthResponse> logger, Conflicto.Data.Processing.JobQueries jobs,
        Conflicto.Processing.Pipeline.JobQueue queue, Conflicto.Processing.Pipeline.ProcessingMetrics metrics,
        Microsoft.Extensions.Options.IOptions<Conflicto.Processing.Pipeline.ProcessingOptions> options, CancellationToken ct)
    {
        var health = await CheckAsync(dataSource, clock, logger, ct);
        if (health.Result is not Ok<HealthResponse> ok) return health;
        var counts = await jobs.CountsAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var queueHealth = new QueueHealth(queue.Depth, queue.Capacity, queue.Dropped, options.Value.Workers, metrics.BusyWorkers,
            options.Value.Workers - metrics.BusyWorkers, counts.Pending, counts.Processing, counts.Failed,
            counts.OldestPendingAt is { } oldest ? Math.Round((now - oldest).TotalSeconds, 1) : null);
        return TypedResults.Ok(ok.Value! with { Processing = queueHealth });
    }

    /// <summary>Healthy when the database answers; 503 with the failing check otherwise.</summary>
    public static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> CheckAsync(
        NpgsqlDataSource dataSource, TimeProvider clock, ILogger<HealthResponse> logger, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await connection.ExecuteScalarAsync<int>(new CommandDefinition("select 1", cancellationToken: ct));
            return TypedResults.Ok(new HealthResponse("healthy", now, Version, new Dictionary<string, string> { ["database"] = "ok" }));
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            logger.LogWarning(ex, "Health check failed: database unreachable");
            return TypedResults.Json(new HealthResponse("unhealthy", now, Version, new Dictionary<string, string> { ["database"] = ex.Message }),
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
