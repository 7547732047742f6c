using System.Text.Json;
using System.Text.Json.Nodes;
using Conflicto.Processing.ActivityTypes;

namespace Conflicto.Processing.Quiz;

/// <summary>
/// What anyone but the host sees of a quiz's configuration: its settings and the number of
/// questions, never the questions themselves. Questions reach participants one at a time, when the
/// host starts them (<c>quiz.updated</c>), and their correct options only with the reveal. Cutting
/// the whole question list (not just the <c>correct</c> flags) keeps the rule simple enough to
/// apply everywhere an activity leaves the server: REST reads, the hub snapshot, activity events,
/// the polling cache and the schema analysis.
/// </summary>
public static class QuizSecrets
{
    public static bool IsQuiz(string? activityType) => activityType == ActivityTypeCatalog.Quiz;

    /// <summary>The configuration without its questions (and their answer key); any other type's unchanged.</summary>
    public static JsonElement PublicConfiguration(string? activityType, JsonElement configuration)
    {
        if (!IsQuiz(activityType) || configuration.ValueKind != JsonValueKind.Object) return configuration;
        var node = JsonNode.Parse(configuration.GetRawText())!.AsObject();
        var count = node["questions"] is JsonArray questions ? questions.Count : 0;
        node.Remove("questions");
        node["question_count"] = count;
        return JsonSerializer.SerializeToElement(node);
    }
}
