using System.Text.Json;
using System.Text.Json.Nodes;
using Conflicto.Data.Activities;
using Conflicto.Processing.ActivityTypes;

namespace Conflicto.Server.Access;

/// <summary>
/// Cuts the configuration keys only the host may read (<see cref="HostOnlyConfiguration"/>: a
/// numeric guess's correct value before the reveal) out of every view of an activity that reaches
/// someone else: REST documents (<see cref="DraftRules.View"/>), activity events
/// (<see cref="EventRedaction"/>) and hub snapshots.
/// </summary>
public static class HostOnlyFields
{
    public static ActivityRow ForEveryone(ActivityRow activity) =>
        HostOnlyConfiguration.Hides(activity.ActivityType, activity.Configuration)
            ? activity with { Configuration = HostOnlyConfiguration.ForEveryone(activity.ActivityType, activity.Configuration) }
            : activity;

    /// <summary>An activity document (an event payload, a snapshot entry: snake_case <c>activity_type</c> and <c>configuration</c>) without host-only keys.</summary>
    public static JsonElement ForEveryone(JsonElement activity)
    {
        if (activity.ValueKind != JsonValueKind.Object
            || !activity.TryGetProperty("configuration", out var configuration)
            || !HostOnlyConfiguration.Hides(TypeOf(activity), configuration)) return activity;
        var node = JsonNode.Parse(activity.GetRawText())!.AsObject();
        var visible = JsonNode.Parse(HostOnlyConfiguration.ForEveryone(TypeOf(activity), configuration).GetRawText());
        node["configuration"] = visible;
        if (node.ContainsKey("config")) node["config"] = visible?.DeepClone();
        return JsonSerializer.SerializeToElement(node);
    }

    private static string? TypeOf(JsonElement activity) =>
        activity.TryGetProperty("activity_type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;
}
