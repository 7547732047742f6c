using Conflicto.Data.Events;
using Conflicto.Server.Access;

namespace Conflicto.Server.Realtime;

/// <summary>An event as one receiver gets it: redacted for its audience, slim in stream v2, with its <c>prevSeq</c>.</summary>
public static class Envelopes
{
    public static EventEnvelope For(SessionEvent e, Audience audience, long prevSeq, int version) =>
        new(e.SessionId, e.Seq, prevSeq, e.Type, e.At, Data(e, audience, version));

    /// <summary>The payload tree; equal for receivers with the same <see cref="EventRedaction.VariantOf(SessionEvent, Audience)"/> and version.</summary>
    public static object? Data(SessionEvent e, Audience audience, int version)
    {
        var data = JsonTree.ToObject(EventRedaction.Redact(e, audience));
        return version >= StreamVersions.V2 && SlimPayloads.Applies(e, audience) ? SlimPayloads.Slim(data) : data;
    }

    /// <summary>
    /// Replayed events (<c>JoinSession</c>'s answer) for an audience: v1 gets the whole log with
    /// <c>seq - 1</c>; v2 its audience stream chained from <paramref name="afterSeq"/> (<see cref="StreamRules.Chain"/>).
    /// </summary>
    public static IReadOnlyList<EventEnvelope> Replay(IEnumerable<SessionEvent> log, Audience audience, int version, long afterSeq) =>
        version >= StreamVersions.V2
            ? StreamRules.Chain(log, audience, afterSeq).Select(c => For(c.Event, audience, c.PrevSeq, version)).ToList()
            : log.Select(e => For(e, audience, e.Seq - 1, version)).ToList();
}
