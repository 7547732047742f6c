using Conflicto.Data.Activities;
using Conflicto.Data.Infrastructure;
using Conflicto.Data.Sessions;
using Conflicto.Server.Access;
using Conflicto.Server.Infrastructure;
using Conflicto.Server.Responses;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Realtime;

/// <summary>
/// What hub methods do, through the same rules and stores as REST, so a change made either way
/// yields the same events. Refusals are <see cref="HubException"/>s whose message starts with the
/// HTTP status REST would have answered ("422 Unprocessable: ...").
/// </summary>
public sealed class HubCommands(
    SessionStore sessions, ActivityStore activities, ResponseSubmission submission, ParticipantRevocations revocations, IOptions<LimitsOptions> limits)
{
    /// <summary>The audience of a join, by the same rule as REST's event log (<see cref="SessionAccess"/>).</summary>
    public async Task<Audience> AuthorizeJoinAsync(Caller caller, JoinSessionRequest request, CancellationToken ct)
    {
        var (audience, refusal) = await SessionAccess.AudienceForAsync(caller, request.SessionId, request.JoinCode, token => sessions.GetAsync(request.SessionId, token), ct);
        return audience ?? throw refusal!.ToHubException();
    }

    public async Task<SubmitAck> SubmitAsync(Caller caller, Guid activityId, object? responseData, string? idempotencyKey, CancellationToken ct, Quiz.AnswerTiming? timing = null)
    {
        var participant = caller.Participant ?? throw AccessRules.Deny(caller, Need.Participant).ToHubException();
        System.Text.Json.JsonElement? data;
        try
        {
            data = JsonTree.FromArgument(responseData, limits.Value.MaxJsonDepth);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw Refuse(422, "Unprocessable", $"response_data is not JSON: {ex.Message}");
        }
        var (submitted, refusal) = await submission.SubmitAsync(activityId, participant, data, idempotencyKey, ct, timing);
        if (refusal is { Kind: RefusalKind.Unauthorized })
        {
            // The writer found the participant gone (its leave was not heard here yet): revoke this node's connections now.
            revocations.Revoke(participant.SessionId, participant.ParticipantId, "revoked");
        }
        if (refusal is not null) throw refusal.ToHubException();
        return new SubmitAck(submitted!.Response.Id, submitted.Response.CreatedSeq, submitted.Replayed);
    }

    public async Task<long> SetSessionStatusAsync(Caller caller, int? joinedSession, string status, CancellationToken ct)
    {
        var sessionId = caller.HostOf ?? throw AccessRules.Deny(caller, Need.Host).ToHubException();
        if (joinedSession is { } joined && joined != sessionId) throw AccessRules.Deny(caller, Need.Host).ToHubException();
        if (!SessionStatuses.IsKnown(status ?? "")) throw Refuse(422, "Unprocessable", $"status must be one of: {string.Join(", ", SessionStatuses.All)}");
        var result = await sessions.UpdateAsync(sessionId, new SessionPatch(null, null, false, null, status), ct);
        return result.Value is not null ? result.Events[^1].Seq : throw Refusal.From(result).ToHubException();
    }

    public async Task<long> TransitionAsync(Caller caller, Guid activityId, string targetState, bool force, bool keepOthersOpen, CancellationToken ct)
    {
        var sessionId = caller.HostOf ?? throw AccessRules.Deny(caller, Need.Host).ToHubException();
        var activity = await activities.GetAsync(activityId, ct) ?? throw Refuse(404, "Not Found", $"Activity {activityId} not found.");
        if (activity.SessionId != sessionId) throw AccessRules.Deny(caller, Need.Host).ToHubException();
        if (!ActivityStates.IsKnown(targetState ?? "")) throw Refuse(422, "Unprocessable", $"targetState must be one of: {string.Join(", ", ActivityStates.All)}");
        var result = await activities.TransitionAsync(activityId, targetState!, force, keepOthersOpen, ct);
        return result.Value is not null ? result.Events[^1].Seq : throw Refusal.From(result).ToHubException();
    }

    private static HubException Refuse(int status, string title, string detail) => HubRefusals.Refuse(status, title, detail);
}
