using System.Text.Json;
using System.Text.Json.Nodes;
using Conflicto.Data.Activities;
using Conflicto.Processing.ActivityTypes;

namespace Conflicto.Server.Access;

/// <summary>
/// Cuts the configuration keys only the host may read (<see cref="HostOnlyConfiguration"/>: a
/// numeric guess's correct value before the reveal, a quiz's questions and answer key) out of every view of an activity that reaches
/// someone else: REST documents (<see cref="DraftRules.View"/>), activity events
/// (<see cref="EventRedaction"/>) and hub snapshots.
/// </summary>
public static class HostOnlyFields
{
    public static ActivityRow For(ActivityRow activity, bool host) => host ? activity : ForEveryone(activity);

    public static ActivityRow ForEveryone(ActivityRow activity) =>
        HostOnlyConfiguration.Hides(activity.ActivityType, activity.Configuration)
            ? activity with { Configuration = HostOnlyConfiguration.ForEveryone(activity.ActivityType, activity.Configuration) }
            : activity;

    /// <summary>
    /// An activity document (an event payload, a snapshot entry: <c>activity_type</c> or the legacy
    /// <c>type</c>, beside <c>configuration</c> and the legacy <c>config</c>) without host-only keys.
    /// </summary>
    public static JsonElement ForEveryone(JsonElement activity)
    {
        if (activity.ValueKind != JsonValueKind.Object) return activity;
        var type = TypeOf(activity);
        var hidden = ((string[])["configuration", "config"])
            .Where(name => activity.TryGetProperty(name, out var c) && HostOnlyConfiguration.Hides(type, c)).ToList();
        if (hidden.Count == 0) return activity;
        var node = JsonNode.Parse(activity.GetRawText())!.AsObject();
        foreach (var name in hidden)
            node[name] = JsonNode.Parse(HostOnlyConfiguration.ForEveryone(type, activity.GetProperty(name)).GetRawText());
        return JsonSerializer.SerializeToElement(node);
    }

    private static string? TypeOf(JsonElement activity) =>
        activity.TryGetProperty("activity_type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString()
        : activity.TryGetProperty("type", out var legacy) && legacy.ValueKind == JsonValueKind.String ? legacy.GetString() : null;
}
