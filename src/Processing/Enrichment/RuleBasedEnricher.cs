namespace Conflicto.Processing.Enrichment;

/// <summary>
/// The enricher used when no model is configured: deterministic rules, no I/O. Normalises the
/// text, then reads language, sentiment, topics and a moderation verdict from it. Short answers
/// (one word in a word cloud) get <c>und</c> for language and the lexicons of every language.
/// </summary>
public sealed class RuleBasedEnricher : IResponseEnricher
{
    public const string EnricherName = "rule-based";

    public string Name => EnricherName;

    public Task<Enrichment> EnrichAsync(EnrichmentInput input, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(Enrich(input));
    }

    public static Enrichment Enrich(EnrichmentInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var text = TextNormalizer.Normalize(input.Text);
        var tokens = Tokens.Words(text);
        var language = LanguageDetector.Detect(text, tokens);
        var (sentiment, score) = SentimentScorer.Score(tokens, language);
        var topics = TopicExtractor.Extract(tokens, language);
        return new Enrichment(text, language, sentiment, score, topics, Moderator.Check(text, tokens), EnricherName);
    }
}
