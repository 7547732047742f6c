using Conflicto.Data.Events;
using Conflicto.Data.Sessions;
using Conflicto.Server.Access;
using Conflicto.Server.Infrastructure;
using Conflicto.Server.OpenApi;
using Conflicto.Server.Realtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Conflicto.Server.Polling;

public sealed record EventPage(int SessionId, IReadOnlyList<EventEnvelope> Events, long LastSeq, bool HasMore);

/// <summary>
/// The event log over plain HTTP: <c>GET /api/v1/sessions/{id}/events?after=&amp;wait=</c> returns the
/// events after a seq of the caller's audience stream (as hub stream v2 filters and chains them,
/// <see cref="StreamRules"/>; payloads in full, as v1), redacted like the hub does, waiting up to
/// <c>wait</c> seconds (long-poll) for the first one when there are none yet. <c>last_seq</c> is
/// the cursor to continue from: it covers the events the caller does not see.
/// </summary>
public static class EventEndpoints
{
    public const int MaxWaitSeconds = 30;
    public const int MaxLimit = 1000;

    public static RouteGroupBuilder MapEventEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/sessions").WithTags("Realtime");
        group.MapGet("/{sessionId}/events", ListAsync).RequireRateLimiting(RateLimits.PollingPolicy)
            .WithName("ListSessionEvents").AcceptsAdminCodeOrParticipantToken().ProducesProblems(401, 403, 404)
            .WithSummary("Read a session's event log after a seq, waiting for the next event (long-poll)")
            .WithDescription("The events of the caller's audience stream, as the hub sends them. Follow as the host (X-Admin-Code), a participant "
                + "(participant token) or, with neither, a viewer with ?join_code=; 401 with none of the three. Continue from last_seq.");
        return group;
    }

    public static async Task<Results<Ok<EventPage>, ProblemHttpResult>> ListAsync(
        int sessionId, long? after, double? wait, int? limit, [FromQuery(Name = "join_code")] string? joinCode,
        Caller caller, SessionStore sessions, EventStore events, SessionSignals signals, [FromServices] TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation()
            .AddIf(after < 0, "after", "after must be 0 or more")
            .AddIf(wait is < 0 or > MaxWaitSeconds, "wait", $"wait must be between 0 and {MaxWaitSeconds} seconds")
            .AddIf(limit is < 1 or > MaxLimit, "limit", $"limit must be between 1 and {MaxLimit}");
        if (!v.IsValid) return v.ToProblem();
        var session = await sessions.GetAsync(sessionId, ct);
        if (session is null) return Problems.NotFound($"Session {sessionId} not found.");
        var (audience, refusal) = await SessionAccess.AudienceForAsync(caller, sessionId, joinCode, _ => Task.FromResult<SessionRow?>(session), ct);
        if (audience is null) return refusal!.ToProblem();

        var from = after ?? 0;
        var take = limit ?? 500;
        var page = await ReadAsync(events, sessionId, from, from, take, audience, ct);
        if (page.Events.Count == 0 && !page.HasMore && wait is > 0)
        {
            var deadline = clock.GetUtcNow().AddSeconds(wait.Value);
            // Wake on this node's signal; re-check the log at least every second in case the
            // event came from another node whose announcement was lost. Events the caller does not
            // see move the cursor on, and the wait goes on for one it does.
            while (page.Events.Count == 0 && !page.HasMore && clock.GetUtcNow() < deadline && !ct.IsCancellationRequested)
            {
                var remaining = deadline - clock.GetUtcNow();
                await signals.WaitAsync(sessionId, page.LastSeq, remaining < TimeSpan.FromSeconds(1) ? remaining : TimeSpan.FromSeconds(1), ct);
                page = await ReadAsync(events, sessionId, page.LastSeq, from, take, audience, ct);
            }
        }
        return TypedResults.Ok(new EventPage(sessionId, page.Events, page.LastSeq, page.HasMore));
    }

    /// <summary>
    /// One query: up to <paramref name="take"/> events of the log after <paramref name="scanFrom"/>,
    /// of which the caller's audience stream shows some (<see cref="StreamRules"/>, chained from
    /// <paramref name="chainFrom"/>, the cursor the caller sent; full payloads). The page's cursor is
    /// the last scanned seq, so a participant's cursor moves past events it does not see.
    /// </summary>
    private static async Task<ScannedPage> ReadAsync(EventStore events, int sessionId, long scanFrom, long chainFrom, int take, Audience audience, CancellationToken ct)
    {
        var scanned = await events.ListAfterAsync(sessionId, scanFrom, take + 1, ct);
        var kept = scanned.Take(take).ToList();
        var shown = StreamRules.Chain(kept, audience, chainFrom).Select(c => Envelopes.For(c.Event, audience, c.PrevSeq, StreamVersions.V1)).ToList();
        return new ScannedPage(shown, kept.Count > 0 ? kept[^1].Seq : scanFrom, scanned.Count > take);
    }

    private sealed record ScannedPage(IReadOnlyList<EventEnvelope> Events, long LastSeq, bool HasMore);

}
