using System.Text.Json;
using System.Text.Json.Nodes;
using Conflicto.Data.Events;
using Conflicto.Server.Access;

namespace Conflicto.Server.Realtime;

/// <summary>Who receives an event: a role, and for participants who they are.</summary>
public sealed record Audience(string Role, int? ParticipantId)
{
    public static readonly Audience Host = new(Roles.Host, null);
    public static readonly Audience Viewer = new(Roles.Viewer, null);
}

/// <summary>
/// The one place that decides what each role sees of an event. The log stores the full truth;
/// what leaves the server is cut here. Redacted events keep their seq and type, so streams stay
/// gap-free for every role:
/// - draft activities are the host's business (a quiz's answers must not leak, <see cref="DraftRules"/>):
///   others get only the id and <c>redacted: true</c>; so does an <c>activity.processing</c> event
///   (its result is the draft's <c>schema_render</c>) whose recorded state is draft, or missing
///   (stored before the state was recorded);
/// - anonymous responses carry no participant id, except to their author;
/// - participants see other participants' responses without who sent them.
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
        _ when IsResponse(e) && (audience.Role == Roles.Participant || IsAnonymous(e)) => Without(e.Data, "participant_id"),
        _ => e.Data,
    };

    /// <summary>Redacts a resource of a snapshot the same way its events are redacted.</summary>
    public static bool HidesActivity(JsonElement activity, Audience audience) => audience.Role != Roles.Host && !DraftRules.IsPublic(StateOf(activity));

    private static bool IsResponse(SessionEvent e) => e.Type.StartsWith("response.", StringComparison.Ordinal);

    private static bool IsActivity(SessionEvent e) => e.Type.StartsWith("activity.", StringComparison.Ordinal) && e.Type != EventTypes.ActivityDeleted;

    /// <summary>The activity's state an activity event carries (activity events: the activity's; processing events: the one recorded when emitted).</summary>
    private static string? StateOf(JsonElement data) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty("state", out var state) && state.ValueKind == JsonValueKind.String ? state.GetString() : null;

    private static JsonElement Hidden(SessionEvent e) => e.Type == EventTypes.ActivityProcessing ? ProcessingStub(e.Data) : DraftStub(e.Data);

    /// <summary>A hidden processing event: which job and activity it is about, nothing of its status, error or result.</summary>
    private static JsonElement ProcessingStub(JsonElement data) => JsonSerializer.SerializeToElement(new Dictionary<string, object?>
    {
        ["kind"] = Text(data, "kind"),
        ["subject_id"] = Text(data, "subject_id"),
        ["activity_id"] = Text(data, "activity_id"),
        ["state"] = StateOf(data),
        ["redacted"] = true,
    });

    private static string? Text(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool IsAnonymous(SessionEvent e) => e.Data.TryGetProperty("anonymous", out var a) && a.ValueKind == JsonValueKind.True;

    private static int? ParticipantOf(SessionEvent e) =>
        e.Data.TryGetProperty("participant_id", out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var id) ? id : null;

    private static JsonElement Without(JsonElement data, string property)
    {
        var node = JsonNode.Parse(data.GetRawText())!.AsObject();
        if (node.ContainsKey(property)) node[property] = null;
        return JsonSerializer.SerializeToElement(node);
    }

    /// <summary>What non-hosts see of a draft activity: that it exists, nothing of its content.</summary>
    public static JsonElement DraftStub(JsonElement activity) => Data.Infrastructure.Json.ToElement(Access.DraftStub.Of(
        Text(activity, "id") is { } text && Guid.TryParse(text, out var id) ? id : null,
        activity.TryGetProperty("session_id", out var s) && s.TryGetInt32(out var sid) ? sid : null));
}
