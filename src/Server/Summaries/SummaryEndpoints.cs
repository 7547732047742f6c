using Conflicto.Data.Sessions;
using Conflicto.Data.Summaries;
using Conflicto.Server.Access;
using Conflicto.Server.Infrastructure;
using Conflicto.Server.OpenApi;
using Conflicto.Server.Polling;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Conflicto.Server.Summaries;

/// <summary>
/// A session's summary, any time (the <c>session.summary</c> event carries the public cut once it
/// completed). Asked like the event log (<see cref="SessionAccess"/>): the host gets all of it, a
/// participant the public cut with its own participation, a viewer (join code) the public cut.
/// </summary>
public static class SummaryEndpoints
{
    public static IEndpointRouteBuilder MapSummaryEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/sessions/{sessionId}/summary", GetAsync).WithTags("Summaries").RequireRateLimiting(RateLimits.PollingPolicy)
            .WithName("GetSessionSummary").AcceptsAdminCodeOrParticipantToken().ProducesProblems(401, 403, 404)
            .WithSummary("A session's summary: participation, response counts, winners, top words and questions, timeline")
            .WithDescription("The host (X-Admin-Code) sees every activity; a participant (Bearer token) or a viewer (join_code) sees the published ones, "
                + "without the highlights of hidden results or the winners of anonymous activities; a participant also gets its own part (you). "
                + "See docs/api.md#session-summary.");
        return routes;
    }

    public static async Task<Results<Ok<SessionSummary>, ProblemHttpResult>> GetAsync(
        int sessionId, [FromQuery(Name = "join_code")] string? joinCode, Caller caller, SessionStore sessions, SummaryStore store,
        SummaryBuilder builder, PollCache cache, ILogger<SessionSummary> logger, CancellationToken ct)
    {
        var session = await sessions.GetAsync(sessionId, ct);
        if (session is null) return Problems.NotFound($"Session {sessionId} not found.");
        var (audience, refusal) = await SessionAccess.AudienceForAsync(caller, sessionId, joinCode, _ => Task.FromResult<SessionRow?>(session), ct);
        if (audience is null)
        {
            logger.LogInformation("Summary of session {SessionId} refused: {Reason}", sessionId, refusal!.Message);
            return refusal.ToProblem();
        }
        // Built once per change of the session (the cache drops it with every event), then cut per audience.
        var entry = await cache.GetAsync($"session-summary:{sessionId}", async token =>
            await sessions.GetAsync(sessionId, token) is { } row ? (await builder.BuildAsync(row, token), row.Id) : null, ct);
        if (entry?.Value is not SessionSummary full) return Problems.NotFound($"Session {sessionId} not found.");
        if (audience.Role == Roles.Host) return TypedResults.Ok(full);
        var view = SummaryViews.For(full, audience.Role);
        if (audience.ParticipantId is { } participantId)
            view = SummaryViews.WithOwn(view, participantId, await store.ReadOwnAsync(sessionId, participantId, ct));
        return TypedResults.Ok(view);
    }
}
