using System.Globalization;
using Conflicto.Data.Activities;
using Conflicto.Data.Responses;
using Conflicto.Server.Access;
using Conflicto.Server.Infrastructure;
using Conflicto.Server.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Conflicto.Server.Responses;

public static class ResponseEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static RouteGroupBuilder MapResponseEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1").WithTags("Responses");
        group.MapPost("/sessions/{sessionId}/activities/{activityId}/responses", CreateAsync).WithName("CreateResponse")
            .RequiresParticipantToken().ProducesProblems(404, 409, 429)
            .WithSummary("Answer an activity")
            .WithDescription("201 with the new response; 200 with the first one when an Idempotency-Key is sent again. "
                + "409 when the activity is not open for answers; 429 over the participant's submission rate.");
        group.MapPost("/activities/{activityId}/responses", SubmitAsync).WithName("SubmitResponse")
            .RequiresParticipantToken().ProducesProblems(404, 409, 429)
            .WithSummary("Answer an activity (framework route, answered 200)");
        group.MapGet("/sessions/{sessionId}/activities/{activityId}/responses", ListAsync).WithName("ListResponses")
            .AcceptsAdminCodeOrParticipantToken().ProducesProblems(404)
            .WithSummary("List an activity's responses with a summary")
            .WithDescription("participant_id is null for an anonymous response, except for its author (participant token).");
        group.MapGet("/sessions/{sessionId}/activities/{activityId}/responses/since/{timestamp}", ListSinceAsync).WithName("ListResponsesSince")
            .AcceptsAdminCodeOrParticipantToken().ProducesProblems(404)
            .WithSummary("Responses changed since a time or cursor")
            .WithDescription("timestamp is ISO-8601 or Unix seconds. Page on with ?cursor=next_cursor (or next_since as the timestamp).");
        group.MapGet("/sessions/{sessionId}/activities/{activityId}/responses/{participantId}", GetForParticipantAsync).WithName("GetParticipantResponse")
            .RequiresAdminCodeOrParticipantToken().ProducesProblems(404).AnswersNullWhenNone()
            .WithSummary("A participant's latest response to an activity, or null")
            .WithDescription("For the participant itself, or the host for answers not given anonymously (403 when the activity's answers are anonymous).");
        group.MapGet("/sessions/{sessionId}/participants/{participantId}/responses", ListForParticipantAsync).WithName("ListParticipantResponses")
            .RequiresAdminCodeOrParticipantToken()
            .WithSummary("A participant's responses across the session")
            .WithDescription("The host does not see the ones given anonymously.");
        group.MapPut("/responses/{responseId}", UpdateAsync).WithName("UpdateResponse").RequiresParticipantToken().ProducesProblems(404, 409)
            .WithSummary("Change one's response while the activity is open");
        group.MapDelete("/responses/{responseId}", DeleteAsync).WithName("DeleteResponse").RequiresAdminCodeOrParticipantToken().ProducesProblems(404, 409)
            .WithSummary("Withdraw one's response (while the activity is open), or remove it (host, any time)");
        return group;
    }

    public static async Task<Results<Created<UserResponse>, Ok<UserResponse>, ProblemHttpResult>> CreateAsync(
        int sessionId, Guid activityId, [FromQuery(Name = "participant_id")] int? participantId, UserResponseCreate body,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey, Caller caller, ResponseSubmission submission, CancellationToken ct)
    {
        if ((AccessRules.ParticipantOf(caller, sessionId) ?? AccessRules.MatchesQuery(caller, participantId)) is { } denied) return denied;
        var (submitted, refusal) = await submission.SubmitAsync(activityId, caller.Participant!, body.ResponseData, idempotencyKey, ct);
        if (refusal is not null) return refusal.ToProblem();
        var dto = UserResponse.From(submitted!.Response, revealParticipant: true);
        // A retried idempotency key answers 200 with the first response: nothing new was created.
        return submitted.Replayed ? TypedResults.Ok(dto) : TypedResults.Created($"/api/v1/responses/{dto.Id}", dto);
    }

    /// <summary>The framework's submit route: same rules, answered 200 as the legacy contract says.</summary>
    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> SubmitAsync(
        Guid activityId, [FromQuery(Name = "participant_id")] int? participantId, UserResponseCreate body,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey, Caller caller, ResponseSubmission submission, CancellationToken ct)
    {
        if (caller.Participant is null) return AccessRules.Deny(caller, Need.Participant).ToProblem();
        if (AccessRules.MatchesQuery(caller, participantId) is { } denied) return denied;
        var (submitted, refusal) = await submission.SubmitAsync(activityId, caller.Participant!, body.ResponseData, idempotencyKey, ct);
        return refusal?.ToProblem() ?? (Results<Ok<UserResponse>, ProblemHttpResult>)TypedResults.Ok(UserResponse.From(submitted!.Response, revealParticipant: true));
    }

    public static async Task<Results<Ok<UserResponseList>, ProblemHttpResult>> ListAsync(
        int sessionId, Guid activityId, int? offset, int? limit, Caller caller, ActivityStore activities, ResponseStore responses, CancellationToken ct)
    {
        var v = Paging.Check(offset, limit, 100, out var paging);
        if (!v.IsValid) return v.ToProblem();
        if (await FindActivityAsync(activities, sessionId, activityId, caller, ct) is null) return Problems.NotFound($"Activity {activityId} not found in session {sessionId}.");
        var (rows, summary) = await responses.ListByActivityAsync(activityId, paging.Offset, paging.Limit, ct);
        return TypedResults.Ok(new UserResponseList(
            rows.Select(r => UserResponse.From(r, Reveal(r, caller), withEnrichment: caller.IsHostOf(sessionId))).ToList(),
            new UserResponseSummary(summary.TotalResponses, summary.UniqueParticipants, summary.LastUpdated), paging.Offset, paging.Limit));
    }

    public static async Task<Results<Ok<IncrementalResponseList>, ProblemHttpResult>> ListSinceAsync(
        int sessionId, Guid activityId, string timestamp, long? cursor, int? limit, Caller caller,
        ActivityStore activities, ResponseStore responses, CancellationToken ct)
    {
        var v = Paging.Check(0, limit, 100, out var paging).AddIf(cursor < 0, "cursor", "cursor must be 0 or more");
        var since = ParseSince(timestamp);
        v.AddIf(since is null, "timestamp", "timestamp must be an ISO-8601 date-time (e.g. 2026-01-01T10:00:00Z) or Unix seconds");
        if (!v.IsValid) return v.ToProblem();
        if (await FindActivityAsync(activities, sessionId, activityId, caller, ct) is null) return Problems.NotFound($"Activity {activityId} not found in session {sessionId}.");

        var rows = await responses.ListChangedSinceAsync(activityId, cursor is null ? since : null, cursor, paging.Limit + 1, ct);
        var page = rows.Take(paging.Limit).ToList();
        var items = page.Select(r => UserResponse.From(r, Reveal(r, caller))).ToList();
        return TypedResults.Ok(new IncrementalResponseList(items, since!.Value, items.Count,
            page.Count > 0 ? page[^1].ChangeSeq : cursor, page.Count > 0 ? page.Max(r => r.UpdatedAt) : since.Value, rows.Count > paging.Limit));
    }

    /// <summary>A participant's latest response to an activity (JSON null when none). They may ask, and the host, for answers not given anonymously.</summary>
    public static async Task<Results<Ok<UserResponse>, ContentHttpResult, ProblemHttpResult>> GetForParticipantAsync(
        int sessionId, Guid activityId, int participantId, Caller caller, ActivityStore activities, ResponseStore responses, CancellationToken ct)
    {
        if (await FindActivityAsync(activities, sessionId, activityId, caller, ct) is null) return Problems.NotFound($"Activity {activityId} not found in session {sessionId}.");
        ResponseRow? row;
        if (caller.IsParticipant(participantId)) row = await responses.GetLatestForParticipantAsync(activityId, participantId, ct);
        else if (caller.IsHostOf(sessionId))
        {
            // The host gets the participant's latest answer that was not given anonymously. When
            // there is none, whether the activity holds anonymous answers decides between 403 and
            // null: a fact about the activity, never about this participant.
            (row, var anyAnonymous) = await responses.GetLatestIdentifiedAsync(activityId, participantId, ct);
            if (row is null && anyAnonymous) return Problems.Forbidden("Answers to this activity are anonymous: only the participant may read their response.");
        }
        else return AccessRules.SelfOrHost(caller, participantId, sessionId)!;
        // Ok(null) would write an empty body; legacy clients parse the body as JSON and expect null.
        return row is null ? TypedResults.Content("null", "application/json") : TypedResults.Ok(UserResponse.From(row, revealParticipant: true));
    }

    /// <summary>A participant's responses across the session. The host does not see the ones given anonymously.</summary>
    public static async Task<Results<Ok<List<UserResponse>>, ProblemHttpResult>> ListForParticipantAsync(
        int sessionId, int participantId, int? offset, int? limit, Caller caller, ResponseStore responses, CancellationToken ct)
    {
        var v = Paging.Check(offset, limit, 100, out var paging);
        if (!v.IsValid) return v.ToProblem();
        if (AccessRules.SelfOrHost(caller, participantId, sessionId) is { } denied) return denied;
        var rows = await responses.ListByParticipantAsync(sessionId, participantId, excludeAnonymous: !caller.IsParticipant(participantId), paging.Offset, paging.Limit, ct);
        return TypedResults.Ok(rows.Select(r => UserResponse.From(r, revealParticipant: true)).ToList());
    }

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> UpdateAsync(
        Guid responseId, UserResponseCreate body, Caller caller, ActivityStore activities, ResponseStore responses, ResponseSubmission submission, CancellationToken ct)
    {
        var existing = await responses.GetAsync(responseId, ct);
        if (existing is null) return Problems.NotFound($"Response {responseId} not found.");
        if (AccessRules.Self(caller, existing.ParticipantId) is { } denied) return denied;
        if (await activities.GetAsync(existing.ActivityId, ct) is not { } activity) return Problems.NotFound($"Response {responseId} not found.");
        if (Conflicto.Processing.Quiz.QuizSecrets.IsQuiz(activity.ActivityType)) return Problems.Conflict("A quiz answer is locked once given.");
        if (submission.CheckData(activity, body.ResponseData, out var data) is { } invalid) return invalid.ToProblem();
        var result = await responses.UpdateAsync(responseId, data, enrich: Conflicto.Processing.Enrichment.FreeText.Extract(activity.ActivityType, data) is not null,
            Conflicto.Processing.ActivityTypes.ParticipantRules.For(activity), ct);
        return result.Value is { } row ? TypedResults.Ok(UserResponse.From(row, revealParticipant: true)) : Problems.From(result);
    }

    /// <summary>The author withdraws a response while the activity is open, or the host removes it (moderation) at any time.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid responseId, Caller caller, ActivityStore activities, ResponseStore responses, CancellationToken ct)
    {
        var existing = await responses.GetAsync(responseId, ct);
        if (existing is null) return Problems.NotFound($"Response {responseId} not found.");
        if (AccessRules.SelfOrHost(caller, existing.ParticipantId, existing.SessionId) is { } denied) return denied;
        if (!caller.IsHostOf(existing.SessionId) && await activities.GetAsync(existing.ActivityId, ct) is { } activity)
        {
            if (activity.State != ActivityStates.Active) return Problems.Conflict($"The activity is closed for changes (state: {activity.State}).");
            if (Conflicto.Processing.Quiz.QuizSecrets.IsQuiz(activity.ActivityType)) return Problems.Conflict("A quiz answer is locked once given: only the host can remove it.");
        }
        var result = await responses.DeleteAsync(responseId, ct);
        return result.Value is not null ? TypedResults.NoContent() : Problems.From(result);
    }

    /// <summary>The activity, when it is in this session and the caller may see it (a draft's responses are its host's business).</summary>
    private static async Task<ActivityRow?> FindActivityAsync(ActivityStore activities, int sessionId, Guid activityId, Caller caller, CancellationToken ct) =>
        await activities.GetAsync(activityId, ct) is { } a && a.SessionId == sessionId && DraftRules.Shows(a, caller) ? a : null;

    /// <summary>
    /// A response given anonymously reveals its author only to that author, whatever the
    /// activity's configuration says now (the flag was recorded when the response was written).
    /// </summary>
    private static bool Reveal(ResponseRow row, Caller caller) => !row.Anonymous || caller.IsParticipant(row.ParticipantId);

    /// <summary>ISO-8601 (with or without offset; without is UTC) or Unix seconds, as the legacy API accepted.</summary>
    internal static DateTime? ParseSince(string text)
    {
        text = Uri.UnescapeDataString(text).Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 0 and < 253402300800)
            return DateTime.UnixEpoch.AddSeconds(seconds);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at.UtcDateTime
            : null;
    }
}
