using System.Text.Json;
using Conflicto.Data.Responses;
using Conflicto.Processing.ActivityTypes;

namespace Conflicto.Processing.Enrichment;

/// <summary>
/// Which responses count. A host's decision always takes effect, on every activity: reject hides
/// a response, approve shows it. The enricher's flag hides a response only in a moderated activity
/// (<c>moderation: true</c>, or the legacy <c>moderate_questions</c> / <c>moderate_submissions</c>).
/// A response not yet enriched counts (nobody waits on the model during a live vote); it drops
/// out if flagged.
/// </summary>
public static class Moderation
{
    public static bool IsModerated(JsonElement configuration) =>
        ConfigKeys.Flag(configuration, "moderation", false)
        || ConfigKeys.Flag(configuration, "moderate_questions", false)
        || ConfigKeys.Flag(configuration, "moderate_submissions", false);

    public static bool IsHidden(JsonElement configuration, ResponseRow response) => response.ModerationOverride switch
    {
        "reject" => true,
        "approve" => false,
        _ => response.ModerationVerdict == ModerationVerdict.Flag && IsModerated(configuration),
    };
}
