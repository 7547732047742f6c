using Conflicto.Data.Events;
using Conflicto.Data.Sessions;
using Conflicto.Server.Access;
using Conflicto.Server.Infrastructure;
using Conflicto.Server.Realtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Conflicto.Server.Polling;

public sealed record EventPage(int SessionId, IReadOnlyList<EventEnvelope> Events, long LastSeq, bool HasMore);

/// <summary>
/// The event log over plain HTTP: <c>GET /api/v1/sessions/{id}/events?after=&amp;wait=</c> returns the
/// events after a seq, redacted for the caller like the hub does, waiting up to <c>wait</c>
/// seconds (long-poll) for the first one when there are none yet.
/// </summary>
public static class EventEndpoints
{
    public const int MaxWaitSeconds = 30;
    public const int MaxLimit = 1000;

    public static RouteGroupBuilder MapEventEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/sessions").WithTags("Realtime");
        group.MapGet("/{sessionId}/events", ListAsync).RequireRateLimiting(RateLimits.PollingPolicy);
        return group;
    }

    public static async Task<Results<Ok<EventPage>, ProblemHttpResult>> ListAsync(
        int sessionId, long? after, double? wait, int? limit, [FromQuery(Name = "join_code")] string? joinCode,
        Caller caller, SessionStore sessions, EventStore events, SessionSignals signals, CancellationToken ct)
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
        var page = await events.ListAfterAsync(sessionId, from, take + 1, ct);
        if (page.Count == 0 && wait is > 0)
        {
            var deadline = DateTime.UtcNow.AddSeconds(wait.Value);
            // Wake on this node's signal; re-check the log at least every second in case the
            // event came from another node whose announcement was lost.
            while (page.Count == 0 && DateTime.UtcNow < deadline && !ct.IsCancellationRequested)
            {
                var remaining = deadline - DateTime.UtcNow;
                await signals.WaitAsync(sessionId, from, remaining < TimeSpan.FromSeconds(1) ? remaining : TimeSpan.FromSeconds(1), ct);
                page = await events.ListAfterAsync(sessionId, from, take + 1, ct);
            }
        }
        var shown = page.Take(take).Select(e => Snapshots.Envelope(e, audience)).ToList();
        var lastSeq = shown.Count > 0 ? shown[^1].Seq : from;
        return TypedResults.Ok(new EventPage(sessionId, shown, lastSeq, page.Count > take));
    }
}
