using System.Text.Json;
using System.Text.Json.Nodes;
using Conflicto.Processing.Enrichment;

namespace Conflicto.Processing.ActivityTypes;

/// <summary>
/// The activity_metadata the first Conflicto's framework create filled in per type
/// (legacy-clients.md): <c>duration_seconds</c> (poll 300, Q&amp;A 900, word cloud 600; activation
/// sets <c>expires_at</c> from it), <c>allow_multiple_responses</c>, <c>show_live_results</c>,
/// <c>activity_type</c> and <c>requires_moderation</c>. The host's own metadata wins key by key,
/// so <c>"duration_seconds": null</c> (or 0) turns the timer off.
/// </summary>
public static class FrameworkDefaults
{
    public static JsonElement MergeMetadata(string activityType, JsonElement configuration, JsonElement? metadata)
    {
        var merged = Defaults(activityType, configuration) ?? new JsonObject();
        if (metadata is { ValueKind: JsonValueKind.Object } own)
        {
            foreach (var property in own.EnumerateObject()) merged[property.Name] = JsonNode.Parse(property.Value.GetRawText());
        }
        using var document = JsonDocument.Parse(merged.ToJsonString());
        return document.RootElement.Clone();
    }

    private static JsonObject? Defaults(string activityType, JsonElement configuration)
    {
        var (duration, multipleResponses) = activityType switch
        {
            ActivityTypeCatalog.Poll => (300, false),
            ActivityTypeCatalog.Qna or ActivityTypeCatalog.Qa => (900, true),
            ActivityTypeCatalog.WordCloud => (600, true),
            _ => (0, false),
        };
        if (duration == 0) return null;
        return new JsonObject
        {
            ["duration_seconds"] = duration,
            ["allow_multiple_responses"] = multipleResponses,
            ["show_live_results"] = ConfigKeys.ShowLiveResults(configuration),
            ["activity_type"] = activityType,
            ["requires_moderation"] = Moderation.IsModerated(configuration),
        };
    }
}
