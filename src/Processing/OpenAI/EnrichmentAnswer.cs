using System.Text.Json;
using System.Text.RegularExpressions;
using Conflicto.Processing.Analysis;
using Conflicto.Processing.Enrichment;

namespace Conflicto.Processing.OpenAI;

/// <summary>Checks a model's enrichment answer and maps it to an <see cref="Enrichment.Enrichment"/>, or throws.</summary>
internal static partial class EnrichmentAnswer
{
    private static readonly string[] Sentiments = ["positive", "neutral", "negative"];
    private static readonly string[] Verdicts = [ModerationVerdict.Approve, ModerationVerdict.Flag];

    /// <exception cref="AnalyzerOutputException">Anything in the answer is missing, out of range or inconsistent.</exception>
    public static Enrichment.Enrichment Map(JsonElement answer, string enricher, string source = "model")
    {
        var reader = new AnswerReader("enrichment", source);
        var text = reader.String(answer, "normalized_text", required: true)?.Trim();

        // Case is not worth a failed attempt: "EN" means en.
        var language = reader.String(answer, "language", required: true)?.Trim().ToLowerInvariant();
        if (language is not null && language != "und" && !IsoLanguage().IsMatch(language))
            reader.Error("language", $"'{language}' is not an ISO 639-1 code or \"und\"");

        var sentiment = reader.OneOf(answer, "sentiment", Sentiments);
        var score = reader.Number(answer, "sentiment_score", required: true);
        if (score is < -1 or > 1) reader.Error("sentiment_score", $"{score} is outside [-1, 1]");
        else if ((sentiment == "positive" && score < 0) || (sentiment == "negative" && score > 0))
            reader.Error("sentiment_score", $"{score} contradicts sentiment {sentiment}");

        var topics = reader.Strings(answer, "topics", required: true)?
            .Select(t => t.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();

        var moderation = Moderation(reader, reader.Object(answer, "moderation"));
        reader.ThrowIfInvalid();
        return new Enrichment.Enrichment(text!, language!, sentiment!, score!.Value, topics!, moderation!, enricher);
    }

    private static ModerationVerdict? Moderation(AnswerReader reader, JsonElement? json)
    {
        var verdict = reader.OneOf(json, "moderation.verdict", Verdicts);
        var reason = reader.String(json, "moderation.reason")?.Trim();
        if (verdict == ModerationVerdict.Flag)
        {
            if (!string.IsNullOrEmpty(reason)) return ModerationVerdict.Flagged(reason);
            reader.Error("moderation.reason", "a flag needs a reason");
            return null;
        }
        // An approval's reason, if the model gives one, is noise: approvals carry none.
        return verdict is null ? null : ModerationVerdict.Approved;
    }

    [GeneratedRegex("^[a-z]{2}$")]
    private static partial Regex IsoLanguage();
}
