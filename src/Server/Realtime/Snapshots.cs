using Conflicto.Data.Events;
using Conflicto.Data.Sessions;
using Conflicto.Server.Participants;

namespace Conflicto.Server.Realtime;

/// <summary>Shapes a snapshot for one audience: REST resource shapes, redacted like the events.</summary>
internal static class Snapshots
{
    public static JoinSessionResult ToResult(SessionSnapshotData data, Audience audience)
    {
        var now = DateTime.UtcNow;
        var activities = data.Activities
            .Select(a => Data.Infrastructure.Json.ToElement(a)) // the same shape activity events carry
            .Select(a => EventRedaction.HidesActivity(a, audience) ? EventRedaction.DraftStub(a) : a)
            .Select(a => JsonTree.ToObject(a)!)
            .ToList();
        var participants = data.Participants
            .Select(p => JsonTree.ToObject(Data.Infrastructure.Json.ToElement(ParticipantStatus.From(p, now)))!)
            .ToList();
        var snapshot = new SessionSnapshot(
            data.LastSeq, audience.Role, audience.ParticipantId,
            JsonTree.ToObject(Data.Infrastructure.Json.ToElement(SessionPayload.From(data.Session)))!,
            activities, participants, data.Session.ParticipantCount);
        var events = data.Events.Select(e => Envelope(e, audience)).ToList();
        return new JoinSessionResult(snapshot, events, data.Recovered);
    }

    public static EventEnvelope Envelope(SessionEvent e, Audience audience) =>
        new(e.SessionId, e.Seq, e.Type, e.At, JsonTree.ToObject(EventRedaction.Redact(e, audience)));
}
