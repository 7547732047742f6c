using Conflicto.Data.Activities;
using Conflicto.Data.Participants;
using Conflicto.Data.Sessions;
using Conflicto.Server.Access;
using Conflicto.Server.Activities;
using Conflicto.Server.Infrastructure;
using Conflicto.Server.OpenApi;
using Conflicto.Server.Participants;
using Conflicto.Server.Polling;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Sessions;

public static class SessionEndpoints
{
    public static RouteGroupBuilder MapSessionEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/sessions").WithTags("Sessions");
        group.MapPost("/", CreateAsync).WithName("CreateSession").Public()
            .WithSummary("Create a session")
            .WithDescription("The answer is the only one that shows admin_code without asking for it: keep it, it makes its holder the host (X-Admin-Code).");
        group.MapGet("/", ListAsync).WithName("ListSessions").AcceptsAdminCode()
            .WithSummary("List sessions, newest first")
            .WithDescription("join_code and qr_code are shown only for the session whose admin code is sent (X-Admin-Code); null for every other.");
        group.MapGet("/{sessionId}", GetAsync).WithName("GetSession").AcceptsAdminCode().ProducesProblems(404)
            .WithSummary("Get a session with its activities and participants")
            .WithDescription("With the session's admin code the answer shows admin_code and drafts in full; otherwise a draft is its stub. join_code and qr_code are shown to the host and the session's participants, null for anyone else.");
        group.MapPut("/{sessionId}", UpdateAsync).WithName("UpdateSession").RequiresAdminCode().ProducesProblems(404, 409)
            .WithSummary("Change a session's title, description, participant cap or status");
        group.MapDelete("/{sessionId}", DeleteAsync).WithName("DeleteSession").RequiresAdminCode().ProducesProblems(404)
            .WithSummary("Delete a session with everything in it");
        group.MapGet("/code/{code}", GetByCodeAsync).WithName("GetSessionByCode").Public().ProducesProblems(404, 429)
            .WithSummary("Find a session by its join code, or by its admin code (code_type=admin)")
            .WithDescription("Only the admin-code lookup, which proves the caller knows it, shows admin_code.");
        group.MapGet("/{sessionId}/status", GetStatusAsync).RequireRateLimiting(RateLimits.CachedPollingPolicy)
            .WithName("GetSessionStatus").Public().ProducesProblems(404).AnswersNotModified()
            .WithSummary("Poll a session's status")
            .WithDescription("Cheap: served from memory until the session changes. Send If-None-Match with the last ETag to get 304.");
        return group;
    }

    /// <summary>Creates a session; the answer is the only one that shows the admin code without asking for it.</summary>
    public static async Task<Results<Created<SessionResponse>, ProblemHttpResult>> CreateAsync(
        SessionCreate body, SessionStore sessions, IOptions<LimitsOptions> limits, ILogger<SessionCreate> logger, CancellationToken ct)
    {
        var v = SessionRules.Check(body, limits.Value.MaxParticipantsPerSession);
        if (!v.IsValid) return v.ToProblem();
        var row = await sessions.CreateAsync(new NewSession(body.Title!.Trim(), body.Description, body.MaxParticipants ?? 100), ct);
        logger.LogInformation("Session {SessionId} created with join code {JoinCode}", row.Id, row.JoinCode);
        return TypedResults.Created($"/api/v1/sessions/{row.Id}", SessionResponse.From(row, revealAdminCode: true));
    }

    /// <summary>
    /// Anyone may list sessions, but a join code makes its holder a viewer of the session, so the
    /// list shows it only for the session the caller is host of (a listing of every join code let
    /// anyone follow every session).
    /// </summary>
    public static async Task<Results<Ok<SessionList>, ProblemHttpResult>> ListAsync(int? offset, int? limit, Caller caller, SessionStore sessions, CancellationToken ct)
    {
        var v = Paging.Check(offset, limit, 100, out var paging);
        if (!v.IsValid) return v.ToProblem();
        var (rows, total) = await sessions.ListAsync(paging.Offset, paging.Limit, ct);
        return TypedResults.Ok(new SessionList(rows.Select(r => SessionResponse.From(r, revealAdminCode: false, revealJoinCode: caller.IsHostOf(r.Id))).ToList(), total, paging.Offset, paging.Limit));
    }

    public static async Task<Results<Ok<SessionDetail>, ProblemHttpResult>> GetAsync(
        int sessionId, Caller caller, SessionStore sessions, ActivityStore activities, ParticipantStore participants, TimeProvider clock, CancellationToken ct)
    {
        var row = await sessions.GetAsync(sessionId, ct);
        if (row is null) return Problems.NotFound($"Session {sessionId} not found.");
        var (activityRows, _) = await activities.ListAsync(sessionId, null, 0, Paging.MaxLimit, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var people = (await participants.ListAsync(sessionId, ct)).Select(p => ParticipantStatus.From(p, now)).ToList();
        // Ids are guessable, so the join code (which makes a viewer) is for those already in the session.
        var s = SessionResponse.From(row, revealAdminCode: caller.IsHostOf(sessionId),
            revealJoinCode: caller.IsHostOf(sessionId) || caller.Participant?.SessionId == sessionId);
        return TypedResults.Ok(new SessionDetail(
            s.Id, s.CreatedAt, s.UpdatedAt, s.Title, s.Description, s.Status, s.QrCode, s.AdminCode, s.MaxParticipants,
            s.StartedAt, s.CompletedAt, s.ParticipantCount, s.ActivityCount, s.JoinCode, s.CurrentActivityId,
            activityRows.Select(a => DraftRules.View(a, caller)).ToList(), people));
    }

    public static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> UpdateAsync(
        int sessionId, SessionUpdate body, Caller caller, SessionStore sessions, IOptions<LimitsOptions> limits, ILogger<SessionUpdate> logger, CancellationToken ct)
    {
        if (!caller.IsHostOf(sessionId) && await sessions.GetAsync(sessionId, ct) is null) return Problems.NotFound($"Session {sessionId} not found.");
        if (AccessRules.Host(caller, sessionId) is { } denied) return denied;
        var v = SessionRules.Check(body, limits.Value.MaxParticipantsPerSession);
        if (!v.IsValid) return v.ToProblem();
        var result = await sessions.UpdateAsync(sessionId, new SessionPatch(body.Title?.Trim(), body.Description, false, body.MaxParticipants, body.Status), ct);
        if (result.Value is not { } row) return Problems.From(result);
        logger.LogInformation("Session {SessionId} updated (status {Status})", sessionId, row.Status);
        return TypedResults.Ok(SessionResponse.From(row, revealAdminCode: true));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        int sessionId, Caller caller, SessionStore sessions, PollCache cache, ILogger<SessionUpdate> logger, CancellationToken ct)
    {
        if (await sessions.GetAsync(sessionId, ct) is null) return Problems.NotFound($"Session {sessionId} not found.");
        if (AccessRules.Host(caller, sessionId) is { } denied) return denied;
        if (!await sessions.DeleteAsync(sessionId, ct)) return Problems.NotFound($"Session {sessionId} not found.");
        // Deleting emits no event (the log goes with the session), so drop its cached polling answers here.
        cache.Invalidate(sessionId);
        logger.LogInformation("Session {SessionId} deleted", sessionId);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Looks a session up by its join code (default) or, with <c>code_type=admin</c>, by its admin
    /// code. Only an admin-code lookup, which proves the caller knows it, shows the admin code.
    /// </summary>
    public static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> GetByCodeAsync(
        string code, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "code_type")] string? codeType, SessionStore sessions, AbuseLimits limits, HttpContext http, CancellationToken ct)
    {
        var kind = (codeType ?? "join").Trim().ToLowerInvariant();
        if (kind is not ("join" or "qr" or "admin")) return Validation.Problem("code_type", "code_type must be 'join' (alias 'qr') or 'admin'");
        var normalized = SessionCodes.Normalize(code);
        var admin = kind == "admin";
        var length = admin ? SessionCodes.AdminCodeLength : SessionCodes.JoinCodeLength;
        if (!SessionCodes.IsWellFormed(normalized, length))
            return Validation.Problem("code", $"a {(admin ? "admin" : "join")} code is {length} characters from {SessionCodes.Alphabet}");
        // A locked-out address is refused before its code is looked at, so the right code is no oracle either.
        var codeKind = admin ? CodeKind.Admin : CodeKind.Join;
        if (limits.IsLockedOut(http, codeKind, null, out var wait))
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problems.TooManyRequests("Too many codes that match no session from your address: try again later.");
        }
        var row = admin ? await sessions.GetByAdminCodeAsync(normalized, ct) : await sessions.GetByJoinCodeAsync(normalized, ct);
        if (row is null) limits.Failed(http, codeKind, null);
        return row is null ? Problems.NotFound("No session has this code.") : TypedResults.Ok(SessionResponse.From(row, revealAdminCode: admin));
    }

    /// <summary>The cheap polling view; served from memory until the session changes, with ETag / 304.</summary>
    public static async Task<Results<Ok<SessionStatusResponse>, StatusCodeHttpResult, ProblemHttpResult>> GetStatusAsync(
        int sessionId, HttpContext http, PollCache cache, SessionStore sessions, CancellationToken ct)
    {
        var entry = await cache.GetAsync($"session-status:{sessionId}", async token =>
            await sessions.GetAsync(sessionId, token) is { } row
                ? (new SessionStatusResponse(row.Id, row.Status, row.CurrentActivityId, row.ParticipantCount, LastUpdated(row), row.LastSeq), row.Id)
                : null, ct);
        return entry is null ? Problems.NotFound($"Session {sessionId} not found.") : CachedAnswer.From<SessionStatusResponse>(http, entry);
    }

    /// <summary>Changes with every event of the session (joins, responses...), and with direct edits.</summary>
    private static DateTime LastUpdated(SessionRow row) => row.LastEventAt > row.UpdatedAt ? row.LastEventAt : row.UpdatedAt;
}
