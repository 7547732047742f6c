using Conflicto.Data.Operations;
using Conflicto.Data.Sessions;
using Conflicto.Server.Access;
using Conflicto.Server.Infrastructure;
using Conflicto.Server.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Conflicto.Server.Operations;

/// <summary>The host's view of what happened in a session: every hub call and REST request, with timings.</summary>
public static class OperationEndpoints
{
    public static RouteGroupBuilder MapOperationEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/sessions").WithTags("Operations");
        group.MapGet("/{sessionId}/operations", ListAsync)
            .WithName("ListSessionOperations").RequiresAdminCode().ProducesProblems(404)
            .WithSummary("The session's operations (hub calls and REST requests) with timings, newest first")
            .WithDescription("Host only. Filters: kind, name, actor_role, participant_id, outcome, from, to, min_duration_ms; "
                + "paged newest first; summary=true adds count and p50/p95 per name. See docs/operations.md#operation-tracking.");
        return group;
    }

    /// <summary>
    /// Host only. Filters: kind, name (exact), actor_role, participant_id, outcome, from (inclusive)
    /// and to (exclusive) on the start time, min_duration_ms; offset/limit paging (default 100);
    /// summary=true adds count and p50/p95 per name over every match (a scan of the matches: ask for it when needed).
    /// </summary>
    public static async Task<Results<Ok<OperationList>, ProblemHttpResult>> ListAsync(
        int sessionId, [AsParameters] OperationListQuery query, Caller caller, SessionStore sessions, OperationStore operations, OperationLog log, CancellationToken ct)
    {
        if (!caller.IsHostOf(sessionId) && await sessions.GetAsync(sessionId, ct) is null) return Problems.NotFound($"Session {sessionId} not found.");
        if (AccessRules.Host(caller, sessionId) is { } denied) return denied;

        var v = Paging.Check(query.Offset, query.Limit, 100, out var paging)
            .AddIf(query.Kind is not null && !OperationKinds.All.Contains(query.Kind), "kind", $"kind must be one of: {string.Join(", ", OperationKinds.All)}")
            .AddIf(query.ActorRole is not null && !ActorRoles.All.Contains(query.ActorRole), "actor_role", $"actor_role must be one of: {string.Join(", ", ActorRoles.All)}")
            .AddIf(query.Outcome is not null && !OperationOutcomes.All.Contains(query.Outcome), "outcome", $"outcome must be one of: {string.Join(", ", OperationOutcomes.All)}")
            .AddIf(query.MinDurationMs is < 0 || (query.MinDurationMs is { } d && !double.IsFinite(d)), "min_duration_ms", "min_duration_ms must be a number of milliseconds, 0 or more")
            .AddIf(query.From > query.To, "from", "from must not be after to");
        if (!v.IsValid) return v.ToProblem();

        var filter = new OperationQuery(sessionId, query.Kind, query.Name, query.ActorRole, query.ParticipantId, query.Outcome,
            query.From?.UtcDateTime, query.To?.UtcDateTime, query.MinDurationMs);
        var (rows, total) = await operations.ListAsync(filter, paging.Limit, paging.Offset, ct);
        var summary = query.Summary == true ? (await operations.SummaryAsync(filter, ct)).Select(OperationNameStats.From).ToList() : null;
        return TypedResults.Ok(new OperationList(
            rows.Select(OperationResponse.From).ToList(), total, paging.Offset, paging.Limit,
            new OperationTracking(log.Enabled, log.Written, log.Dropped, log.Queued), summary));
    }
}
