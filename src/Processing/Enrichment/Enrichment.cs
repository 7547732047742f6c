namespace Conflicto.Processing.Enrichment;

/// <summary>What an enricher looks at: one free-text answer (a Q&amp;A question, a word-cloud word).</summary>
public sealed record EnrichmentInput(string ActivityType, string Text);

/// <summary>
/// The enrichment of a free-text response, stored with the response.
/// <see cref="Language"/>: ISO 639-1 code or <c>und</c>; <see cref="Sentiment"/>: <c>positive</c>,
/// <c>neutral</c> or <c>negative</c> with a score in [-1, 1]; <see cref="Topics"/>: lower-case tags.
/// </summary>
public sealed record Enrichment(
    string NormalizedText, string Language, string Sentiment, double SentimentScore, IReadOnlyList<string> Topics,
    ModerationVerdict Moderation, string Enricher);

/// <summary><see cref="Verdict"/> is <c>approve</c> or <c>flag</c>; a flag always has a <see cref="Reason"/>.</summary>
public sealed record ModerationVerdict(string Verdict, string? Reason)
{
    public const string Approve = "approve";
    public const string Flag = "flag";

    public static readonly ModerationVerdict Approved = new(Approve, null);

    public static ModerationVerdict Flagged(string reason) => new(Flag, reason);
}

/// <summary>Enriches and moderates free text. Implementations: rule-based and OpenAI.</summary>
public interface IResponseEnricher
{
    string Name { get; }

    /// <exception cref="Analysis.AnalyzerOutputException">The enricher produced something unusable.</exception>
    Task<Enrichment> EnrichAsync(EnrichmentInput input, CancellationToken ct);
}
