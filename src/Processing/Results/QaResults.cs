using System.Text.Json;
using Conflicto.Data.Activities;
using Conflicto.Data.Responses;
using Conflicto.Processing.ActivityTypes;
using Conflicto.Processing.Enrichment;

namespace Conflicto.Processing.Results;

/// <summary>
/// Questions ranked by upvotes. A response asks (<c>{"question": "..."}</c>, or the legacy
/// <c>{"type": "question", "question_text": "...", "anonymous": true}</c>) or upvotes
/// (<c>{"upvote": "&lt;question id&gt;"}</c>, or the legacy <c>{"type": "vote", "question_id": "..."}</c>).
/// Each participant counts once per question unless <c>allow_multiple_votes</c>. The snapshot
/// carries our fields and, beside them, the legacy <c>qna_results</c> fields.
/// </summary>
public sealed class QaResults(JsonElement configuration, string activityType = ActivityTypeCatalog.Qa) : IResultsAggregator
{
    private readonly bool _multipleVotes = ConfigKeys.QaAllowsMultipleVotes(configuration);
    private readonly bool _moderated = Moderation.IsModerated(configuration);
    private readonly Dictionary<Guid, ResponseRow> _questions = [];
    private readonly Dictionary<(Guid Question, int Participant), int> _upvotes = [];
    private readonly NewestUpdate _newest = new();

    public void Add(ResponseRow response)
    {
        if (QuestionText(response.ResponseData) is not null) _questions[response.Id] = response;
        else if (UpvoteTarget(response.ResponseData) is { } target)
            _upvotes[(target, response.ParticipantId)] = _upvotes.GetValueOrDefault((target, response.ParticipantId)) + 1;
        else return;
        _newest.Add(response.UpdatedAt);
    }

    public void Remove(ResponseRow response)
    {
        if (_questions.Remove(response.Id)) { _newest.Remove(response.UpdatedAt); return; }
        if (UpvoteTarget(response.ResponseData) is not { } target) return;
        var key = (target, response.ParticipantId);
        if (!_upvotes.TryGetValue(key, out var count)) return;
        if (count <= 1) _upvotes.Remove(key); else _upvotes[key] = count - 1;
        _newest.Remove(response.UpdatedAt);
    }

    public object Snapshot()
    {
        var votes = _upvotes.GroupBy(kv => kv.Key.Question)
            .ToDictionary(g => g.Key, g => _multipleVotes ? g.Sum(kv => kv.Value) : g.Count());
        var byVotes = _questions.Values
            // Whether a question is anonymous was recorded when it was asked (the activity's setting, or
            // its own "anonymous": true) and never changes afterwards.
            .Select(q => (Row: q, Votes: votes.GetValueOrDefault(q.Id), q.Anonymous))
            .OrderByDescending(q => q.Votes).ThenBy(q => q.Row.CreatedAt).ThenBy(q => q.Row.Id)
            .ToList();
        // The host's marks order the list: the pinned question on top, then the open ones by votes,
        // the answered ones (the archive) last. An answered question is never pinned (the store unpins it).
        var ranked = byVotes.OrderBy(q => q.Row.Pinned ? 0 : q.Row.Answered ? 2 : 1).ToList(); // stable: votes order within each group
        var questions = ranked.Select(q => new QaQuestion(q.Row.Id, QuestionText(q.Row.ResponseData)!.Trim(), q.Votes,
            q.Anonymous ? null : q.Row.ParticipantId, q.Row.CreatedAt, q.Row.Pinned, q.Row.Answered)).ToList();
        var legacy = ranked.Select(q => new LegacyQuestion(q.Row.Id, QuestionText(q.Row.ResponseData)!.Trim(), q.Anonymous,
            q.Anonymous ? null : q.Row.ParticipantId.ToString(System.Globalization.CultureInfo.InvariantCulture), q.Row.CreatedAt,
            Status(q.Row), q.Votes, q.Row.Pinned, q.Row.Answered)).ToList();
        var approved = legacy.Where(q => q.Status == ApprovedStatus).ToList();
        // Most popular means most votes, whatever the host pinned or answered.
        var mostPopular = approved.OrderByDescending(q => q.VoteCount).ThenBy(q => q.Timestamp).ThenBy(q => q.Id).FirstOrDefault();
        return new QaSnapshot(ResponseData.String(configuration, "topic"), questions, questions.Count, questions.Sum(q => q.Upvotes),
            LegacyResultTypes.Qna, questions.Sum(q => q.Upvotes), approved, legacy.Where(q => q.Status != ApprovedStatus).ToList(),
            mostPopular, ConfigKeys.QaAllowsUpvotes(configuration), ConfigKeys.Flag(configuration, "show_vote_counts", true),
            ConfigKeys.QaAllowsAnonymous(activityType, configuration), _newest.Value);
    }

    private const string ApprovedStatus = "approved";

    /// <summary>
    /// Legacy status of a shown question. Unmoderated: approved. Moderated: approved once the host
    /// or the enricher approved it, pending until then (it is already counted in our
    /// <c>questions</c>: nobody waits on the model during a live session). Hidden ones never get here.
    /// </summary>
    private string Status(ResponseRow question) =>
        !_moderated || question.ModerationOverride == "approve" || question.ModerationVerdict == ModerationVerdict.Approve ? ApprovedStatus : "pending";

    /// <summary>
    /// The question a response asks, read in the rules' order: our <c>question</c>, then (when no
    /// <c>upvote</c> is there) the legacy <c>question_text</c> of a <c>type: "question"</c>.
    /// </summary>
    public static string? QuestionText(JsonElement data)
    {
        if (ResponseData.String(data, "question") is { } question) return question;
        if (data.ValueKind != JsonValueKind.Object || data.TryGetProperty("upvote", out _)) return null;
        return ResponseData.String(data, "type") == "question" ? ResponseData.String(data, "question_text") : null;
    }

    /// <summary>The question an upvote is for: our <c>upvote</c>, or the legacy <c>question_id</c> of a <c>type: "vote"</c>.</summary>
    public static Guid? UpvoteTarget(JsonElement data)
    {
        if (ResponseData.String(data, "question") is not null) return null;
        if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("upvote", out _)) return ParseId(ResponseData.String(data, "upvote"));
        return ResponseData.String(data, "type") == "vote" ? ParseId(ResponseData.String(data, "question_id")) : null;
    }

    /// <summary>Whether the response is meant as a vote (our <c>upvote</c> or a legacy <c>type: "vote"</c>), valid or not.</summary>
    public static bool IsVote(JsonElement data) =>
        ResponseData.String(data, "question") is null && data.ValueKind == JsonValueKind.Object
        && (data.TryGetProperty("upvote", out _) || ResponseData.String(data, "type") == "vote");

    private static Guid? ParseId(string? text) => text is not null && Guid.TryParse(text, out var id) ? id : null;
}

/// <param name="Pinned">The host pinned it to the top (at most one per activity).</param>
/// <param name="Answered">The host marked it answered: it is listed after the open questions.</param>
public sealed record QaQuestion(Guid Id, string Text, int Upvotes, int? ParticipantId, DateTime CreatedAt, bool Pinned = false, bool Answered = false);

/// <summary>A question as the legacy <c>qna_results</c> lists it.</summary>
public sealed record LegacyQuestion(Guid Id, string Text, bool Anonymous, string? ParticipantId, DateTime Timestamp, string Status, int VoteCount, bool Pinned = false, bool Answered = false);

/// <summary>Our fields first; from <paramref name="Type"/> on, the legacy <c>qna_results</c> fields.</summary>
public sealed record QaSnapshot(
    string? Topic, IReadOnlyList<QaQuestion> Questions, int TotalQuestions, int TotalUpvotes,
    string Type, int TotalVotes, IReadOnlyList<LegacyQuestion> ApprovedQuestions, IReadOnlyList<LegacyQuestion> PendingQuestions,
    LegacyQuestion? MostPopularQuestion, bool EnableVoting, bool ShowVoteCounts, bool AllowAnonymous, DateTime? LastUpdated);
