using Conflicto.Data.Events;
using Conflicto.Server.Access;

namespace Conflicto.Server.Realtime;

/// <summary>
/// Where each participant's stream stands on this node, for the <c>prevSeq</c> of its next event:
/// the last public event (<see cref="EventScope.IsPublic"/>) and each participant's last own one.
/// Owned by the stream's writer loop (not thread-safe). It starts at the seq the stream started
/// from: what came before is covered by every subscriber's <c>JoinSession</c> answer.
/// </summary>
internal sealed class AudienceChains(long start)
{
    private readonly Dictionary<int, long> _lastOwn = [];

    public long LastPublic { get; private set; } = start;

    /// <summary>The participant's last own event this stream released (-1: none).</summary>
    public long LastOwn(int participantId) => _lastOwn.GetValueOrDefault(participantId, -1);

    public void Advance(SessionEvent e, EventScope scope)
    {
        if (scope.IsPublic) LastPublic = e.Seq;
        else if (scope.Subject is { } participant)
        {
            // Gone participants' connections are revoked: nothing follows for them.
            if (e.Type == EventTypes.ParticipantLeft) _lastOwn.Remove(participant);
            else _lastOwn[participant] = e.Seq;
        }
    }

    /// <summary>
    /// The <c>prevSeq</c> a participant's subscriber gets on its next event, given the last public
    /// and own seqs before it. It must be at least the last event the subscriber got live (or a
    /// missed one goes unnoticed) and at most what its client holds when nothing is missing. An
    /// event the <c>JoinSession</c> answer covered (≤ <see cref="Subscriber.SkipThrough"/>) counts
    /// as the answer's snapshot seq (<see cref="Subscriber.From"/>) at most: the answer may have
    /// held nothing visible after it. Own events the answer covered are left out, so that the
    /// public stream of everyone who joined since the last public event stays one serialisation.
    /// </summary>
    public static long PrevSeq(long lastPublic, long lastOwn, Subscriber subscriber)
    {
        var previous = lastOwn > subscriber.SkipThrough ? Math.Max(lastPublic, lastOwn) : lastPublic;
        return previous <= subscriber.SkipThrough ? Math.Min(previous, subscriber.From) : previous;
    }
}
