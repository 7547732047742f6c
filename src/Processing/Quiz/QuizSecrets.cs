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

    /// <summary>
    /// An activity document (an activity event's payload or a snapshot entry: <c>activity_type</c>
    /// beside <c>configuration</c> and the legacy <c>config</c>) with a quiz's questions cut.
    /// </summary>
    public static JsonElement PublicActivity(JsonElement activity)
    {
        if (activity.ValueKind != JsonValueKind.Object) return activity;
        var type = activity.TryGetProperty("activity_type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()
            : activity.TryGetProperty("type", out var legacy) && legacy.ValueKind == JsonValueKind.String ? legacy.GetString() : null;
        if (!IsQuiz(type)) return activity;
        var node = JsonNode.Parse(activity.GetRawText())!.AsObject();
        foreach (var name in (string[])["configuration", "config"])
        {
            if (node[name] is JsonObject config)
                node[name] = JsonNode.Parse(PublicConfiguration(type, JsonSerializer.SerializeToElement(config)).GetRawText());
        }
        // schema_render needs no cut: the analysis only ever sees the public configuration (ActivityAnalysisHandler).
        return JsonSerializer.SerializeToElement(node);
    }
}
