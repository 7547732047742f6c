using System.Text.Json;
using Conflicto.Data.Responses;

namespace Conflicto.Processing.Enrichment;

/// <summary>
/// Which responses count. Activities configured with <c>moderation: true</c> leave out responses the
/// enricher flagged, unless the host approved them, and those the host rejected. A response not
/// yet enriched counts (nobody waits on the model during a live vote); it drops out if flagged.
/// </summary>
public static class Moderation
{
    public static bool IsModerated(JsonElement configuration) =>
        configuration.ValueKind == JsonValueKind.Object && configuration.TryGetProperty("moderation", out var m) && m.ValueKind == JsonValueKind.True;

    public static bool IsHidden(JsonElement configuration, ResponseRow response) =>
        IsModerated(configuration) && response.ModerationOverride switch
        {
            "reject" => true,
            "approve" => false,
            _ => response.ModerationVerdict == ModerationVerdict.Flag,
        };
}
