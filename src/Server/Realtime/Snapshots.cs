using Conflicto.Server.Access;
using Conflicto.Data.Activities;
using Conflicto.Data.Events;
using Conflicto.Data.Sessions;
using Conflicto.Server.Participants;

namespace Conflicto.Server.Realtime;

/// <summary>Shapes a snapshot for one audience: REST resource shapes, redacted like the events.</summary>
internal static class Snapshots
{
    /// <summary>
    /// The activities whose results the audience gets with its snapshot: every one it may see the
    /// content of (drafts are the host's, as in <see cref="EventRedaction"/>).
    /// </summary>
    public static IEnumerable<Guid> WithResultsFor(SessionSnapshotData data, Audience audience) =>
        data.Activities.Where(a => Access.DraftRules.IsPublic(a.State) || audience.Role == Roles.Host).Select(a => a.Id);

    /// <summary>The answer to <c>JoinSession</c>; its events are the stream of <paramref name="version"/> continuing from <paramref name="replayFrom"/>.</summary>
    public static JoinSessionResult ToResult(SessionSnapshotData data, Audience audience, int version, long replayFrom, IReadOnlyList<ResultsUpdate> results,
        IReadOnlyList<object>? quizzes = null)
    {
        var now = DateTime.UtcNow;
        var activities = data.Activities
            .Select(a => Data.Infrastructure.Json.ToElement(a)) // the same shape activity events carry
            .Select(a => EventRedaction.HidesActivity(a, audience) ? EventRedaction.DraftStub(a) : audience.Role == Roles.Host ? a : HostOnlyFields.ForEveryone(a))
            .Select(a => JsonTree.ToObject(a)!)
            .ToList();
        var participants = data.Participants
            .Select(p => JsonTree.ToObject(Data.Infrastructure.Json.ToElement(ParticipantStatus.From(p, now)))!)
            .ToList();
        // The session as its events carry it, plus the current activity read in the same snapshot.
        var session = (Dictionary<string, object?>)JsonTree.ToObject(Data.Infrastructure.Json.ToElement(SessionPayload.From(data.Session)))!;
        session["current_activity_id"] = data.Session.CurrentActivityId?.ToString();
        var snapshot = new SessionSnapshot(
            data.LastSeq, audience.Role, audience.ParticipantId, session,
            activities, participants, data.Session.ParticipantCount, results, quizzes ?? []);
        return new JoinSessionResult(snapshot, Envelopes.Replay(data.Events, audience, version, replayFrom), data.Recovered);
    }
}
