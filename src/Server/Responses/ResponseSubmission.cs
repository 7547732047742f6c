using System.Text.Json;
using Conflicto.Data.Activities;
using Conflicto.Data.Infrastructure;
using Conflicto.Data.Participants;
using Conflicto.Data.Responses;
using Conflicto.Processing.ActivityTypes;
using Conflicto.Processing.Enrichment;
using Conflicto.Processing.Results;
using Conflicto.Server.Infrastructure;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Responses;

/// <summary>
/// Everything a submission goes through, whichever door it came in by: the activity must be the
/// participant's session's, response_data must fit the size limit and the activity type's rules,
/// and only then is it stored (durably, idempotently).
/// </summary>
public sealed class ResponseSubmission(
    ActivityLookup activities, ResponseStore responses, ResponseIngest ingest, RateLimits rateLimits, IOptions<LimitsOptions> limits, Quiz.QuizService quiz)
{
    public const int MaxIdempotencyKeyLength = 100;
    private const int MaxStaleRetries = 3;

    public async Task<(SubmittedResponse? Submitted, Refusal? Refusal)> SubmitAsync(
        Guid activityId, ParticipantIdentity participant, JsonElement? responseData, string? idempotencyKey, CancellationToken ct, Quiz.AnswerTiming? timing = null)
    {
        timing ??= new Quiz.AnswerTiming(DateTime.UtcNow, null, ViaHub: false);
        if (!rateLimits.TrySubmit($"p:{participant.ParticipantId}"))
            return (null, Refusal.TooManyRequests("Too many responses at once: wait a moment and send again (with the same idempotency key)."));
        // The activity may change between our check and the write; the writer notices (Stale) and
        // we check again against the fresh row. Twice in a row is already rare.
        for (var attempt = 1; ; attempt++)
        {
            var activity = await activities.GetAsync(activityId, ct);
            if (activity is null) return (null, Refusal.NotFound($"Activity {activityId} not found."));
            if (activity.SessionId != participant.SessionId) return (null, Refusal.Forbidden("The activity belongs to another session than your participant token."));

            if (CheckData(activity, responseData, out var data) is { } invalid) return (null, invalid);
            if (idempotencyKey is { Length: 0 or > MaxIdempotencyKeyLength })
                return (null, Refusal.Invalid("Idempotency-Key", $"an idempotency key must be 1 to {MaxIdempotencyKeyLength} characters"));
            if (ConfigKeys.IsQa(activity.ActivityType) && QaResults.UpvoteTarget(data) is { } target
                && (await responses.GetAsync(target, ct) is not { } question || question.ActivityId != activityId
                    || QaResults.QuestionText(question.ResponseData) is null))
                return (null, Refusal.Invalid("response_data", "the vote must name a question of this Q&A (upvote / question_id)"));

            if (Conflicto.Processing.Quiz.QuizSecrets.IsQuiz(activity.ActivityType))
            {
                // Open question, before its deadline (409 otherwise), timed by the server: docs/quiz.md.
                var (timed, closed) = await quiz.PrepareAnswerAsync(activity, participant, data, timing, ct);
                if (closed is not null) return (null, closed);
                data = timed;
            }

            var result = await ingest.SubmitAsync(activity.SessionId, new NewResponse(
                activityId, participant.ParticipantId, data, ActivityTypeCatalog.IsSingleSlot(activity.ActivityType), idempotencyKey,
                Enrich: FreeText.Extract(activity.ActivityType, data) is not null, ValidatedAgainst: activity.UpdatedAt,
                Rule: ParticipantRules.For(activity)), ct);
            if (result.Status == WriteStatus.Stale && attempt < MaxStaleRetries)
            {
                activities.Forget(activityId);
                continue;
            }
            return result.Value is { } submitted ? (submitted, null) : (null, Refusal.From(result));
        }
    }

    /// <summary>
    /// Checks response_data for an activity: present, an object, within the size limit, valid for
    /// the type. Only the type's rules decide, never an analysis's response_schema: a verdict must
    /// not change when a background job finishes (known types have their rules from the start;
    /// an unknown type's inferred schema is advice for clients, and any JSON object is accepted).
    /// </summary>
    public Refusal? CheckData(ActivityRow activity, JsonElement? responseData, out JsonElement data)
    {
        data = responseData ?? default;
        if (responseData is not { ValueKind: JsonValueKind.Object }) return Refusal.Invalid("response_data", "response_data is required and must be a JSON object");
        if (data.GetRawText().Length > limits.Value.MaxResponseDataBytes)
            return Refusal.TooLarge($"response_data must be at most {limits.Value.MaxResponseDataBytes} bytes.");
        var errors = ResponseRules.Validate(activity, data);
        if (errors.Count == 0) return null;
        var v = new Validation();
        foreach (var error in errors) v.Add("response_data", error);
        return v.ToRefusal();
    }
}
