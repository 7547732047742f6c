using System.Text.Json;

namespace Conflicto.Data.Events;

/// <summary>One entry of a session's event log. <see cref="Seq"/> starts at 1 and has no gaps.</summary>
public sealed record SessionEvent(int SessionId, long Seq, string Type, DateTime At, JsonElement Data)
{
    /// <summary>
    /// When the committing node saw the commit succeed (UTC), for the delivery-time metric; carried
    /// to other nodes by the event bus. Null for events read back from the log (catch-up, replay):
    /// their commit time is not known. <see cref="At"/> is earlier: the database's clock when the
    /// change took the session lock.
    /// </summary>
    public DateTime? CommittedAt { get; init; }
}

/// <summary>The event types every change produces. One change appends exactly one event.</summary>
public static class EventTypes
{
    public const string SessionCreated = "session.created";
    public const string SessionUpdated = "session.updated";
    public const string SessionStatusChanged = "session.status_changed";
    public const string ActivityCreated = "activity.created";
    public const string ActivityUpdated = "activity.updated";
    public const string ActivityStateChanged = "activity.state_changed";
    public const string ActivityDeleted = "activity.deleted";
    public const string ParticipantJoined = "participant.joined";
    public const string ParticipantLeft = "participant.left";
    public const string ResponseAdded = "response.added";
    public const string ResponseUpdated = "response.updated";
    public const string ResponseDeleted = "response.deleted";
    public const string ActivityProcessing = "activity.processing";
    public const string ResponseProcessing = "response.processing";
    public const string ResponseModerated = "response.moderated";
    /// <summary>The host pinned / unpinned a Q&amp;A question or marked it answered.</summary>
    public const string ResponseMarked = "response.marked";
    /// <summary>The session's summary, appended once after it completed (what everyone may see of it).</summary>
    public const string SessionSummary = "session.summary";
}
