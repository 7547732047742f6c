using Conflicto.Data.Activities;
using Conflicto.Data.Events;
using Conflicto.Server.Access;

namespace Conflicto.Server.Realtime;

/// <summary>
/// Stream v2 carries what changed: an <c>activity.state_changed</c> goes to 10,000 phones, and the
/// activity's configuration and <c>schema_render</c> did not change with its state. Clients merge
/// a slim state change into the activity they hold (from the snapshot or an earlier event) and
/// fetch one they do not hold. The whole activity still goes to a non-host when the change
/// reveals it (it leaves <c>draft</c>, or the event predates <c>previous_state</c>): until then they
/// held only a stub. v1 and REST keep the full payloads.
/// </summary>
public static class SlimPayloads
{
    /// <summary>The documents a state change leaves out.</summary>
    public static readonly IReadOnlySet<string> Heavy = new HashSet<string>(StringComparer.Ordinal)
    {
        "configuration", "schema_render", "response_schema", "activity_metadata", "activity_context", "description",
    };

    /// <summary>Whether <paramref name="audience"/> gets <paramref name="e"/> slim in stream v2.</summary>
    public static bool Applies(SessionEvent e, Audience audience) =>
        e.Type == EventTypes.ActivityStateChanged && (audience.Role == Roles.Host || !Reveals(e));

    /// <summary>The redacted payload tree (<see cref="JsonTree"/>) without the heavy documents.</summary>
    public static object? Slim(object? data)
    {
        if (data is not Dictionary<string, object?> activity) return data;
        var slim = new Dictionary<string, object?>(activity.Count, StringComparer.Ordinal);
        foreach (var (name, value) in activity)
            if (!Heavy.Contains(name)) slim[name] = value;
        return slim;
    }

    private static bool Reveals(SessionEvent e) => EventFields.Of(e).PreviousState is null or ActivityStates.Draft;
}
