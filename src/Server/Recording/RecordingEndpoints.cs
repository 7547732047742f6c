using Conflicto.Data.Events;
using Conflicto.Data.Sessions;
using Conflicto.Server.Access;
using Conflicto.Server.Infrastructure;
using Conflicto.Server.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Conflicto.Server.Recording;

/// <summary>
/// A session's recording: its event log with timings, as the host's stream carried it, for the
/// big screen's replay and for anyone who wants to know afterwards what happened. Host-only: it
/// holds drafts and who answered what. Ask it with the same credentials as the event log
/// (<see cref="SessionAccess"/>), refused by <see cref="AccessRules"/>: nothing is 401; a participant's token or a viewer's join code is 403.
/// </summary>
public static class RecordingEndpoints
{
    public const int MaxLimit = 100_000;

    public static RouteGroupBuilder MapRecordingEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/sessions").WithTags("Recording");
        group.MapGet("/{sessionId}/recording", GetAsync).RequireRateLimiting(RateLimits.PollingPolicy)
            .WithName("GetSessionRecording").RequiresAdminCode().ProducesProblems(404)
            .WithSummary("The session's event log with timings and recorded results, streamed (host only)")
            .WithDescription("Page a long recording with after_seq and limit; has_more and last_seq say where to go on. "
                + "See docs/operations.md#session-recording-and-replay.");
        return group;
    }

    /// <summary>The events after <paramref name="afterSeq"/> (default: from the start), at most <paramref name="limit"/> (default: all), streamed.</summary>
    public static async Task<Results<RecordingWriter, ProblemHttpResult>> GetAsync(
        int sessionId, [FromQuery(Name = "after_seq")] long? afterSeq, int? limit, [FromQuery(Name = "join_code")] string? joinCode,
        Caller caller, SessionStore sessions, EventStore events, SnapshotStore snapshots, CancellationToken ct)
    {
        var v = new Validation()
            .AddIf(afterSeq < 0, "after_seq", "after_seq must be 0 or more")
            .AddIf(limit is < 1 or > MaxLimit, "limit", $"limit must be between 1 and {MaxLimit}");
        if (!v.IsValid) return v.ToProblem();
        var session = await sessions.GetAsync(sessionId, ct);
        if (session is null) return Problems.NotFound($"Session {sessionId} not found.");
        var (audience, refusal) = await SessionAccess.AudienceForAsync(caller, sessionId, joinCode, _ => Task.FromResult<SessionRow?>(session), ct);
        if (audience is null) return refusal!.ToProblem();
        if (AccessRules.Host(caller, sessionId, audience) is { } denied) return denied;

        var from = afterSeq ?? 0;
        // The log as it is now: events appended while it streams are the next page's.
        var through = limit is { } n ? Math.Min(session.LastSeq, from + n) : session.LastSeq;
        return new RecordingWriter(session, await events.FirstAtAsync(sessionId, ct), from, through, events, snapshots);
    }
}
