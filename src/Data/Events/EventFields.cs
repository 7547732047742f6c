using System.Text.Json;

namespace Conflicto.Data.Events;

/// <summary>
/// Typed reads of an event's payload, the only place that knows the payloads' property names
/// (the snake_case names of the records the stores emit: <c>ActivityRow</c>, <c>ResponsePayload</c>,
/// <c>ParticipantPayload</c>, <c>ProcessingPayload</c>...). <c>EventFieldsTests</c> emits each
/// record and reads it back here, so renaming a field fails a test instead of silently stopping
/// redaction or routing. A field that is missing or of another kind reads as null / false.
/// </summary>
public readonly struct EventFields(JsonElement data)
{
    public static EventFields Of(SessionEvent e) => new(e.Data);

    /// <summary>The resource's own id (activity, response, job subject...).</summary>
    public Guid? Id => Guid("id");

    public Guid? ActivityId => Guid("activity_id");

    public int? SessionId => Int("session_id");

    /// <summary>The participant a participant or response event is about (its author, for responses).</summary>
    public int? ParticipantId => Int("participant_id");

    public bool Anonymous => Flag("anonymous");

    /// <summary><c>participant.left</c>: the host removed the participant (false: it left by itself).</summary>
    public bool RemovedByHost => Flag("removed_by_host");

    /// <summary>An activity's state; for processing events, the state recorded when the event was emitted.</summary>
    public string? State => Text("state");

    /// <summary><c>activity.state_changed</c>: the state before the change (absent in events stored before it was recorded).</summary>
    public string? PreviousState => Text("previous_state");

    /// <summary>Processing events: the job kind and its subject.</summary>
    public string? Kind => Text("kind");

    public Guid? SubjectId => Guid("subject_id");

    public string? ProcessingStatus => Text("processing_status");

    /// <summary>The activity an event is about: an activity event's own id, any other event's <c>activity_id</c>.</summary>
    public static Guid? ActivityOf(SessionEvent e)
    {
        var fields = Of(e);
        return IsActivityEvent(e.Type) && e.Type != EventTypes.ActivityProcessing ? fields.Id ?? fields.ActivityId : fields.ActivityId;
    }

    public static bool IsActivityEvent(string type) => type.StartsWith("activity.", StringComparison.Ordinal);

    public static bool IsResponseEvent(string type) => type.StartsWith("response.", StringComparison.Ordinal);

    public static bool IsParticipantEvent(string type) => type.StartsWith("participant.", StringComparison.Ordinal);

    private bool TryGet(string name, out JsonElement value)
    {
        value = default;
        return data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out value);
    }

    private string? Text(string name) => TryGet(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private Guid? Guid(string name) => TryGet(name, out var v) && v.ValueKind == JsonValueKind.String && v.TryGetGuid(out var g) ? g : null;

    private int? Int(string name) => TryGet(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    private bool Flag(string name) => TryGet(name, out var v) && v.ValueKind == JsonValueKind.True;
}
