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
        var fields = EventFields.Of(e);
        if (fields.ProcessingStatus != ProcessingStates.Pending) return null;
        return e.Type switch
        {
            EventTypes.ActivityCreated or EventTypes.ActivityUpdated or EventTypes.ActivityStateChanged when fields.Id is { } id
                => new JobKey(JobKinds.ActivityAnalysis, id, e.SessionId),
            EventTypes.ResponseAdded or EventTypes.ResponseUpdated when fields.Id is { } id
                => new JobKey(JobKinds.ResponseEnrichment, id, e.SessionId),
            EventTypes.ActivityProcessing or EventTypes.ResponseProcessing when fields is { Kind: { } kind, SubjectId: { } subject }
                => new JobKey(kind, subject, e.SessionId),
            _ => null,
        };
    }
}
