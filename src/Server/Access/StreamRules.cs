using Conflicto.Data.Events;

namespace Conflicto.Server.Access;

/// <summary>
/// Which events each audience's stream carries (hub protocol v2, its replay, and the REST event
/// log), and the <c>prevSeq</c> chain that makes gaps detectable in a filtered stream. Hosts and
/// viewers follow every event. A participant follows what it acts on: session and activity
/// changes, and what is about itself (its own join and leave, its own responses and their
/// moderation). Other participants' joins, leaves and answers reach it only as the coalesced
/// <c>Results</c> and <c>Presence</c>, so a participant's stream does not grow with the room, and
/// <c>response.processing</c> / <c>response.marked</c> reach it as their effect on results.
/// What each carried event shows is <see cref="EventRedaction"/>'s business.
/// </summary>
public static class StreamRules
{
    /// <summary>Whether <paramref name="audience"/>'s stream carries the event.</summary>
    public static bool Sees(Audience audience, SessionEvent e) => Sees(audience, Scope(e));

    public static bool Sees(Audience audience, EventScope scope) =>
        audience.Role != Roles.Participant || scope.IsPublic || (scope.Subject is { } subject && subject == audience.ParticipantId);

    /// <summary>Who an event is for: every participant (public), one participant (its subject), or no participant.</summary>
    public static EventScope Scope(SessionEvent e)
    {
        if (e.Type.StartsWith("session.", StringComparison.Ordinal) || EventFields.IsActivityEvent(e.Type)) return EventScope.Public;
        if (e.Type == Data.Quiz.QuizStore.EventType) return EventScope.Public; // holds nothing secret: built by QuizViews
        return e.Type switch
        {
            EventTypes.ParticipantJoined or EventTypes.ParticipantLeft
                or EventTypes.ResponseAdded or EventTypes.ResponseUpdated or EventTypes.ResponseDeleted or EventTypes.ResponseModerated
                => new EventScope(false, EventFields.Of(e).ParticipantId),
            // response.processing, response.marked and types to come: hosts and viewers only.
            _ => EventScope.HostsAndViewers,
        };
    }

    /// <summary>
    /// The events of <paramref name="log"/> (in seq order, with nothing left out after
    /// <paramref name="afterSeq"/>) that the audience's stream carries, each with the seq of the
    /// previous one it carries; the first one's is <paramref name="afterSeq"/>, where the reader's
    /// stream stands. Hosts and viewers get every event with <c>seq - 1</c>.
    /// </summary>
    public static IEnumerable<(SessionEvent Event, long PrevSeq)> Chain(IEnumerable<SessionEvent> log, Audience audience, long afterSeq)
    {
        var previous = afterSeq;
        foreach (var e in log)
        {
            if (!Sees(audience, e)) continue;
            yield return (e, audience.Role == Roles.Participant ? previous : e.Seq - 1);
            previous = e.Seq;
        }
    }
}

/// <summary>
/// The audience of an event: <see cref="IsPublic"/> (every participant), or only the participant
/// it is about (<see cref="Subject"/>; none for events no participant follows).
/// </summary>
public readonly record struct EventScope(bool IsPublic, int? Subject)
{
    public static readonly EventScope Public = new(true, null);
    public static readonly EventScope HostsAndViewers = new(false, null);
}
