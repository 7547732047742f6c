using System.Text.Json;
using System.Text.Json.Nodes;
using Conflicto.Data.Events;

namespace Conflicto.Server.Access;

/// <summary>
/// The one place that decides what each role sees of an event. The log stores the full truth;
/// what leaves the server is cut here. Redacted events keep their seq and type, so streams stay
/// gap-free for every role:
/// - draft activities are the host's business (a quiz's answers must not leak, <see cref="DraftRules"/>):
///   others get only the id and <c>redacted: true</c>; so does an <c>activity.processing</c> event
///   (its result is the draft's <c>schema_render</c>) whose recorded state is draft, or missing
///   (stored before the state was recorded);
/// - anonymous responses carry no participant id, except to their author;
/// - participants see other participants' responses without who sent them;
/// - host-only configuration keys (a numeric guess's correct value before the reveal, a quiz's questions) are cut, <see cref="HostOnlyFields"/>.
/// </summary>
public static class EventRedaction
{
    /// <summary>A key naming the variant of <paramref name="e"/> the audience gets: equal keys, equal payloads.</summary>
    public static string VariantOf(SessionEvent e, Audience audience) => VariantOf(AuthorOf(e), audience);

    /// <summary>As above, with the event's author already read (<see cref="AuthorOf"/>): the fan-out loop reads it once per event, not per receiver.</summary>
    public static string VariantOf(int? author, Audience audience)
    {
        if (audience.Role == Roles.Host) return Roles.Host;
        if (author is { } id && audience.ParticipantId == id) return "own";
        return audience.Role;
    }

    /// <summary>The participant who sent a response event; null for other events.</summary>
    public static int? AuthorOf(SessionEvent e) => IsResponse(e) ? ParticipantOf(e) : null;

    public static JsonElement Redact(SessionEvent e, Audience audience) => VariantOf(e, audience) switch
    {
        Roles.Host => IsResponse(e) && IsAnonymous(e) ? Without(e.Data, "participant_id") : e.Data,
        "own" => e.Data,
        _ when IsActivity(e) && !DraftRules.IsPublic(StateOf(e.Data)) => Hidden(e),
        _ when IsActivity(e) => HostOnlyFields.ForEveryone(e.Data),
        _ when IsResponse(e) && (audience.Role == Roles.Participant || IsAnonymous(e)) => Without(e.Data, "participant_id"),
        _ => e.Data,
    };

    /// <summary>Redacts a resource of a snapshot the same way its events are redacted.</summary>
    public static bool HidesActivity(JsonElement activity, Audience audience) => audience.Role != Roles.Host && !DraftRules.IsPublic(StateOf(activity));

    private static bool IsResponse(SessionEvent e) => EventFields.IsResponseEvent(e.Type);

    private static bool IsActivity(SessionEvent e) => EventFields.IsActivityEvent(e.Type) && e.Type != EventTypes.ActivityDeleted;

    /// <summary>The activity's state an activity event carries (activity events: the activity's; processing events: the one recorded when emitted).</summary>
    private static string? StateOf(JsonElement data) => new EventFields(data).State;

    private static JsonElement Hidden(SessionEvent e) => e.Type == EventTypes.ActivityProcessing ? ProcessingStub(e.Data) : DraftStub(e.Data);

    /// <summary>A hidden processing event: which job and activity it is about, nothing of its status, error or result.</summary>
    private static JsonElement ProcessingStub(JsonElement data)
    {
        var fields = new EventFields(data);
        return JsonSerializer.SerializeToElement(new Dictionary<string, object?>
        {
            ["kind"] = fields.Kind,
            ["subject_id"] = fields.SubjectId,
            ["activity_id"] = fields.ActivityId,
            ["state"] = fields.State,
            ["redacted"] = true,
        });
    }

    private static bool IsAnonymous(SessionEvent e) => EventFields.Of(e).Anonymous;

    private static int? ParticipantOf(SessionEvent e) => EventFields.Of(e).ParticipantId;

    private static JsonElement Without(JsonElement data, string property)
    {
        var node = JsonNode.Parse(data.GetRawText())!.AsObject();
        if (node.ContainsKey(property)) node[property] = null;
        return JsonSerializer.SerializeToElement(node);
    }

    /// <summary>What non-hosts see of a draft activity: that it exists, nothing of its content.</summary>
    public static JsonElement DraftStub(JsonElement activity) =>
        Data.Infrastructure.Json.ToElement(Access.DraftStub.Of(new EventFields(activity).Id, new EventFields(activity).SessionId));
}
