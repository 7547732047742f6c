using System.Text.Json;
using Conflicto.Data.Activities;
using Conflicto.Data.Responses;

namespace Conflicto.Processing.Results;

/// <summary>
/// Questions ranked by upvotes. A response is <c>{"question": "..."}</c> (asks) or
/// <c>{"upvote": "&lt;question response id&gt;"}</c>; each participant counts once per question.
/// </summary>
public sealed class QaResults(JsonElement configuration) : IResultsAggregator
{
    private readonly Dictionary<Guid, ResponseRow> _questions = [];
    private readonly Dictionary<(Guid Question, int Participant), int> _upvotes = [];

    public void Add(ResponseRow response)
    {
        if (ResponseData.String(response.ResponseData, "question") is not null) _questions[response.Id] = response;
        else if (UpvoteTarget(response.ResponseData) is { } target)
            _upvotes[(target, response.ParticipantId)] = _upvotes.GetValueOrDefault((target, response.ParticipantId)) + 1;
    }

    public void Remove(ResponseRow response)
    {
        if (_questions.Remove(response.Id)) return;
        if (UpvoteTarget(response.ResponseData) is not { } target) return;
        var key = (target, response.ParticipantId);
        var count = _upvotes.GetValueOrDefault(key);
        if (count <= 1) _upvotes.Remove(key); else _upvotes[key] = count - 1;
    }

    public object Snapshot()
    {
        var votes = _upvotes.Keys.GroupBy(k => k.Question).ToDictionary(g => g.Key, g => g.Count());
        var questions = _questions.Values
            .Select(q => new QaQuestion(q.Id, ResponseData.String(q.ResponseData, "question")!.Trim(), votes.GetValueOrDefault(q.Id),
                q.Anonymous ? null : q.ParticipantId, q.CreatedAt))
            .OrderByDescending(q => q.Upvotes).ThenBy(q => q.CreatedAt).ThenBy(q => q.Id)
            .ToList();
        return new QaSnapshot(ResponseData.String(configuration, "topic"), questions, questions.Count, questions.Sum(q => q.Upvotes));
    }

    public static Guid? UpvoteTarget(JsonElement data) =>
        ResponseData.String(data, "upvote") is { } text && Guid.TryParse(text, out var id) ? id : null;
}

public sealed record QaQuestion(Guid Id, string Text, int Upvotes, int? ParticipantId, DateTime CreatedAt);

public sealed record QaSnapshot(string? Topic, IReadOnlyList<QaQuestion> Questions, int TotalQuestions, int TotalUpvotes);
