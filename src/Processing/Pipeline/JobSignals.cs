using System.Text.Json;
using Conflicto.Data.Events;
using Conflicto.Data.Processing;

namespace Conflicto.Processing.Pipeline;

/// <summary>
/// Offers a job to the queue the moment an event says its subject is pending (an activity
/// created or changed, a free-text response added, a retry), so work starts without waiting for
/// the sweeper. Events from other nodes count too: whichever node claims first does the work.
/// </summary>
public sealed class JobSignals(JobQueue queue) : ISessionEventObserver
{
    public void OnCommitted(IReadOnlyList<SessionEvent> events)
    {
        foreach (var e in events)
        {
            if (KeyOf(e) is { } key) queue.Offer(key);
        }
    }

    private static JobKey? KeyOf(SessionEvent e)
    {
        if (!IsPending(e.Data)) return null;
        return e.Type switch
        {
            EventTypes.ActivityCreated or EventTypes.ActivityUpdated or EventTypes.ActivityStateChanged
                => new JobKey(JobKinds.ActivityAnalysis, e.Data.GetProperty("id").GetGuid(), e.SessionId),
            EventTypes.ResponseAdded or EventTypes.ResponseUpdated
                => new JobKey(JobKinds.ResponseEnrichment, e.Data.GetProperty("id").GetGuid(), e.SessionId),
            EventTypes.ActivityProcessing or EventTypes.ResponseProcessing
                => new JobKey(e.Data.GetProperty("kind").GetString()!, e.Data.GetProperty("subject_id").GetGuid(), e.SessionId),
            _ => null,
        };
    }

    private static bool IsPending(JsonElement data) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty("processing_status", out var s) && s.ValueKind == JsonValueKind.String
        && s.GetString() == ProcessingStates.Pending;
}
