using System.Text.Json;
using Conflicto.Data.Responses;
using Conflicto.Processing.ActivityTypes.Types;
using Conflicto.Processing.Enrichment;

namespace Conflicto.Processing.Results;

/// <summary>
/// Free-text answers with what the enricher found in them: sentiment counts and the most frequent
/// topics over every answer moderation lets count. The answers themselves are in the document only
/// when the host sets <c>show_answers</c> (the document reaches participants and the screen), and
/// then, in a moderated activity, only the approved ones. The host reads every answer with its
/// enrichment from the responses list.
/// </summary>
public sealed class OpenTextResults(JsonElement configuration) : IResultsAggregator
{
    public const int MaxAnswersShown = 200;
    public const int MaxTopics = 10;
    private static readonly string[] Sentiments = ["positive", "neutral", "negative"];

    private readonly bool _showAnswers = OpenTextType.ShowsAnswers(configuration);
    private readonly bool _moderated = Moderation.IsModerated(configuration);
    private readonly Dictionary<Guid, ResponseRow> _answers = [];
    private readonly Dictionary<string, int> _sentiments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _topics = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _participants = [];
    private readonly NewestUpdate _newest = new();

    public void Add(ResponseRow response)
    {
        if (OpenTextType.Text(response.ResponseData) is not { Length: > 0 } || !_answers.TryAdd(response.Id, response)) return;
        Count(response, +1);
    }

    public void Remove(ResponseRow response)
    {
        if (!_answers.Remove(response.Id, out var held)) return;
        Count(held, -1);
    }

    private void Count(ResponseRow response, int delta)
    {
        Bump(_sentiments, SentimentOf(response) ?? "unknown", delta);
        foreach (var topic in TopicsOf(response)) Bump(_topics, topic, delta);
        Bump(_participants, response.ParticipantId, delta);
        if (delta > 0) _newest.Add(response.UpdatedAt); else _newest.Remove(response.UpdatedAt);
    }

    private static void Bump<TKey>(Dictionary<TKey, int> counts, TKey key, int delta) where TKey : notnull
    {
        var count = counts.GetValueOrDefault(key) + delta;
        if (count <= 0) counts.Remove(key); else counts[key] = count;
    }

    public object Snapshot()
    {
        var sentiment = Sentiments.Append("unknown").ToDictionary(s => s, s => _sentiments.GetValueOrDefault(s), StringComparer.Ordinal);
        var topics = _topics.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(MaxTopics)
            .Select(kv => new ValueCount(kv.Key, kv.Value)).ToList();
        var answers = !_showAnswers ? [] : _answers.Values.Where(Shown)
            .OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id).Take(MaxAnswersShown)
            .Select(r => new OpenTextAnswer(r.Id, OpenTextType.Text(r.ResponseData)!, r.Anonymous ? null : r.ParticipantId,
                SentimentOf(r), TopicsOf(r), r.CreatedAt))
            .ToList();
        return new OpenTextSnapshot(ResponseData.String(configuration, "question"), _answers.Count, _participants.Count,
            sentiment, topics, _showAnswers, answers, _newest.Value);
    }

    /// <summary>Shown to everyone: in a moderated activity once approved by the host or the enricher (hidden ones never get here).</summary>
    private bool Shown(ResponseRow r) =>
        !_moderated || r.ModerationOverride == "approve" || r.ModerationVerdict == ModerationVerdict.Approve;

    private static string? SentimentOf(ResponseRow r) =>
        r.Enrichment is { } e && ResponseData.String(e, "sentiment") is { } s && Sentiments.Contains(s) ? s : null;

    private static IReadOnlyList<string> TopicsOf(ResponseRow r) =>
        r.Enrichment is { } e ? ResponseData.StringList(e, "topics").Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct().ToList() : [];
}

public sealed record OpenTextAnswer(Guid Id, string Text, int? ParticipantId, string? Sentiment, IReadOnlyList<string> Topics, DateTime CreatedAt);

/// <param name="Sentiment">Answers per sentiment; <c>unknown</c>: not enriched (yet).</param>
/// <param name="AnswersShown">The host's <c>show_answers</c>: without it, <paramref name="Answers"/> is empty.</param>
public sealed record OpenTextSnapshot(
    string? Question, int TotalAnswers, int Participants, IReadOnlyDictionary<string, int> Sentiment, IReadOnlyList<ValueCount> Topics,
    bool AnswersShown, IReadOnlyList<OpenTextAnswer> Answers, DateTime? LastUpdated);
