using System.Text.Json;
using System.Text.Json.Nodes;
using Conflicto.Processing.ActivityTypes.Types;

namespace Conflicto.Processing.ActivityTypes;

/// <summary>
/// Configuration keys only the session's host may read: a numeric guess's <c>correct_value</c>
/// until the host sets <c>revealed: true</c>, and a quiz's <c>questions</c> (with their answer key:
/// questions reach participants one at a time through <c>quiz.updated</c>, <see cref="Quiz.QuizSecrets"/>).
/// The one rule for hidden answers; every view of an activity that reaches anyone but the
/// host (REST documents, activity events, hub snapshots) goes through <see cref="ForEveryone"/>.
/// </summary>
public static class HostOnlyConfiguration
{
    /// <summary>The keys of <paramref name="configuration"/> to leave out for anyone but the host.</summary>
    public static IReadOnlyList<string> Keys(string? activityType, JsonElement configuration) => activityType switch
    {
        ActivityTypeCatalog.Numeric when !NumericType.IsRevealed(configuration) => ["correct_value"],
        ActivityTypeCatalog.Quiz => ["questions"],
        _ => [],
    };

    public static bool Hides(string? activityType, JsonElement configuration) =>
        configuration.ValueKind == JsonValueKind.Object && Keys(activityType, configuration).Any(k => configuration.TryGetProperty(k, out _));

    /// <summary>The configuration as everyone but the host may see it (the same element when nothing is hidden).</summary>
    public static JsonElement ForEveryone(string? activityType, JsonElement configuration)
    {
        if (!Hides(activityType, configuration)) return configuration;
        if (Quiz.QuizSecrets.IsQuiz(activityType)) return Quiz.QuizSecrets.PublicConfiguration(activityType, configuration); // keeps question_count
        var node = JsonNode.Parse(configuration.GetRawText())!.AsObject();
        foreach (var key in Keys(activityType, configuration)) node.Remove(key);
        return JsonSerializer.SerializeToElement(node);
    }
}
