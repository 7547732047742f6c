using Conflicto.Data.Events;
using Conflicto.Data.Quiz;

namespace Conflicto.Server.Webhooks;

/// <summary>The event types an endpoint can subscribe to: every type of the session event log.</summary>
public static class WebhookEventTypes
{
    public const string All = "*";

    /// <summary>The ping a host sends to check a receiver (not a session event: no seq).</summary>
    public const string Ping = "webhook.ping";

    public static readonly IReadOnlyList<string> Subscribable =
    [
        EventTypes.SessionCreated, EventTypes.SessionUpdated, EventTypes.SessionStatusChanged, EventTypes.SessionSummary,
        EventTypes.ActivityCreated, EventTypes.ActivityUpdated, EventTypes.ActivityStateChanged, EventTypes.ActivityDeleted,
        EventTypes.ActivityProcessing,
        EventTypes.ParticipantJoined, EventTypes.ParticipantLeft,
        EventTypes.ResponseAdded, EventTypes.ResponseUpdated, EventTypes.ResponseDeleted, EventTypes.ResponseProcessing,
        EventTypes.ResponseModerated, EventTypes.ResponseMarked,
        QuizStore.EventType,
    ];

    public static bool IsKnown(string type) => type == All || Subscribable.Contains(type);
}
