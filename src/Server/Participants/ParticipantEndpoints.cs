using System.Text.Json;
using Conflicto.Data.Activities;
using Conflicto.Data.Participants;
using Conflicto.Data.Sessions;
using Conflicto.Server.Access;
using Conflicto.Server.Infrastructure;
using Conflicto.Server.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Participants;

/// <summary>Joining, nickname checks, the participant list with presence, heartbeat and leaving.</summary>
public static class ParticipantEndpoints
{
    public static RouteGroupBuilder MapParticipantEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1").WithTags("Participants");
        group.MapPost("/sessions/{sessionId}/join", JoinAsync).WithName("JoinSession").Public().ProducesProblems(404, 409, 429)
            .WithSummary("Join a session with a nickname")
            .WithDescription("Answers participant_token: send it as Authorization: Bearer from now on. A nickname already taken gets a suffix "
                + "(session_state.nickname_changed). 409 when the session has ended or is full.");
        group.MapGet("/sessions/{sessionId}/nicknames/validate", ValidateNicknameAsync).WithName("ValidateNickname").Public().ProducesProblems(404)
            .WithSummary("Check whether a nickname is free, with a suggestion when it is not");
        group.MapGet("/sessions/{sessionId}/participants", ListAsync).WithName("ListParticipants").Public().ProducesProblems(404)
            .WithSummary("List a session's participants with their presence");
        group.MapPost("/participants/{participantId}/heartbeat", HeartbeatAsync).WithName("SendHeartbeat").RequiresParticipantToken().ProducesProblems(404)
            .WithSummary("Tell the session the participant is still here (and what it is looking at)");
        group.MapDelete("/participants/{participantId}", LeaveAsync).WithName("LeaveSession").RequiresAdminCodeOrParticipantToken().ProducesProblems(404)
            .WithSummary("Leave a session, or remove a participant (host)")
            .WithDescription("The participant's token stops working at once, on every node; its responses stay.");
        return group;
    }

    public static async Task<Results<Ok<ParticipantJoinResponse>, ProblemHttpResult>> JoinAsync(
        int sessionId, ParticipantJoinRequest body, ParticipantStore participants, AbuseLimits limits, HttpContext http,
        ILogger<ParticipantJoinRequest> logger, CancellationToken ct)
    {
        if (Nicknames.Validate(body.Nickname, out var nickname) is { } error) return Validation.Problem("nickname", error);
        if (!limits.TryJoin(http, sessionId, out var wait))
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problems.TooManyRequests("Too many joins from your address or of this session right now: try again shortly.");
        }
        var result = await participants.JoinAsync(sessionId, nickname, ct);
        if (result.Value is not { } joined) return Problems.From(result);

        var participant = joined.Participant;
        logger.LogInformation("Participant {ParticipantId} joined session {SessionId} as {Nickname}", participant.Id, sessionId, participant.Nickname);
        // The session as the join's transaction saw it: no second read, no recount.
        var session = joined.Session;
        var state = new SessionState(sessionId, session.Title, session.Status, session.CurrentActivityId, session.ParticipantCount,
            participant.Nickname, participant.Nickname != nickname, result.Events[^1].Seq);
        return TypedResults.Ok(new ParticipantJoinResponse(
            participant.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), joined.Token, participant.Nickname, state));
    }

    public static async Task<Results<Ok<NicknameValidationResponse>, ProblemHttpResult>> ValidateNicknameAsync(
        int sessionId, string? nickname, ParticipantStore participants, SessionStore sessions, CancellationToken ct)
    {
        if (Nicknames.Validate(nickname, out var normalized) is { } error) return Validation.Problem("nickname", error);
        if (await sessions.GetAsync(sessionId, ct) is null) return Problems.NotFound($"Session {sessionId} not found.");
        var (available, suggestion) = await participants.CheckNicknameAsync(sessionId, normalized, ct);
        return TypedResults.Ok(new NicknameValidationResponse(available, available ? null : suggestion, null));
    }

    public static async Task<Results<Ok<ParticipantListResponse>, ProblemHttpResult>> ListAsync(
        int sessionId, ParticipantStore participants, SessionStore sessions, TimeProvider clock, CancellationToken ct)
    {
        if (await sessions.GetAsync(sessionId, ct) is null) return Problems.NotFound($"Session {sessionId} not found.");
        var now = clock.GetUtcNow().UtcDateTime;
        var list = (await participants.ListAsync(sessionId, ct)).Select(p => ParticipantStatus.From(p, now)).ToList();
        return TypedResults.Ok(new ParticipantListResponse(list, list.Count, list.Count(p => p.Status == Presence.Online)));
    }

    public static async Task<Results<Ok<ParticipantHeartbeatResponse>, ProblemHttpResult>> HeartbeatAsync(
        int participantId, ParticipantHeartbeatRequest? body, Caller caller, ParticipantStore participants,
        IOptions<LimitsOptions> limits, TimeProvider clock, CancellationToken ct)
    {
        if (AccessRules.Self(caller, participantId) is { } denied) return denied;
        var context = body?.ActivityContext is { ValueKind: not JsonValueKind.Null } c ? c : (JsonElement?)null;
        var v = new Validation()
            .AddIf(context is { ValueKind: not JsonValueKind.Object }, "activity_context", "activity_context must be a JSON object")
            .AddIf(context?.GetRawText().Length > limits.Value.MaxResponseDataBytes, "activity_context", $"activity_context must be at most {limits.Value.MaxResponseDataBytes} bytes");
        if (!v.IsValid) return v.ToProblem();

        var row = await participants.HeartbeatAsync(participantId, context, ct);
        if (row is null) return Problems.NotFound($"Participant {participantId} not found.");
        return TypedResults.Ok(new ParticipantHeartbeatResponse(Presence.Of(row.LastSeen, clock.GetUtcNow().UtcDateTime), row.ActivityContext, row.LastSeen));
    }

    /// <summary>A participant leaves, or the host removes one. Their responses stay.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> LeaveAsync(
        int participantId, Caller caller, ParticipantStore participants, ILogger<ParticipantJoinRequest> logger, CancellationToken ct)
    {
        var participant = await participants.GetAsync(participantId, ct);
        if (participant is null || participant.LeftAt is not null) return Problems.NotFound($"Participant {participantId} not found.");
        if (AccessRules.SelfOrHost(caller, participantId, participant.SessionId) is { } denied) return denied;
        var removedByHost = !caller.IsParticipant(participantId);
        var result = await participants.LeaveAsync(participantId, removedByHost, ct);
        if (result.Value is null) return Problems.From(result);
        // Its open hub connections on every node lose their rights through the participant.left event (ParticipantRevocations).
        logger.LogInformation("Participant {ParticipantId} {Departure} session {SessionId}", participantId, removedByHost ? "was removed from" : "left", participant.SessionId);
        return TypedResults.NoContent();
    }
}
