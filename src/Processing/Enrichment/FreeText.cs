using System.Text.Json;
using Conflicto.Processing.ActivityTypes;
using Conflicto.Processing.Results;

namespace Conflicto.Processing.Enrichment;

/// <summary>Which responses are free text worth enriching and moderating, and their text.</summary>
public static class FreeText
{
    /// <summary>A Q&amp;A question (ours or the legacy shape) or word-cloud words; null for anything else (votes, upvotes, cards, unknown types).</summary>
    public static string? Extract(string activityType, JsonElement responseData) => activityType switch
    {
        ActivityTypeCatalog.Qa or ActivityTypeCatalog.Qna => QaResults.QuestionText(responseData),
        ActivityTypeCatalog.WordCloud => WordCloudResults.Words(responseData) is { Count: > 0 } words ? string.Join(", ", words) : null,
        ActivityTypeCatalog.OpenText => ActivityTypes.Types.OpenTextType.Text(responseData) is { Length: > 0 } text ? text : null,
        _ => null,
    };
}
