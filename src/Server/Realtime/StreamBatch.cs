using Conflicto.Data.Events;
using Conflicto.Server.Access;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Conflicto.Server.Realtime;

/// <summary>
/// One drain of a session's stream for its v2 subscribers: the released events (consecutive seqs)
/// cut into one <c>Events</c> message per distinct content. Hosts and viewers share one message per
/// role; participants whose own events are not in the batch share one per (first event,
/// <c>prevSeq</c>); a participant with own events in it gets its own. A subscriber that joined
/// during the batch gets only what follows its skip point. Each event's payload is built once per
/// redaction variant; an event whose payload fails is logged once and left out (the next event's
/// <c>prevSeq</c> then tells clients to resume, which reads it from the log).
/// </summary>
internal sealed class StreamBatch
{
    private readonly IReadOnlyList<SessionEvent> _events;
    private readonly EventScope[] _scopes;
    private readonly long[] _prevPublic; // the last public seq before each event
    private readonly int[] _nextPublic; // the first public index at or after each index (Count: none)
    private readonly HashSet<int> _withOwn = [];
    private readonly AudienceChains _chains;
    private readonly Action<Exception, long> _failed;
    private readonly Dictionary<(int Index, string Variant), object?> _data = [];
    private readonly HashSet<int> _broken = [];
    private readonly Dictionary<(string Group, int Index, long PrevSeq), StreamMessage?> _messages = [];

    /// <param name="failed">Called once per event whose payload cannot be built.</param>
    public StreamBatch(IReadOnlyList<SessionEvent> events, AudienceChains chains, Action<Exception, long> failed)
    {
        (_events, _chains, _failed) = (events, chains, failed);
        var count = events.Count;
        _scopes = new EventScope[count];
        _prevPublic = new long[count];
        _nextPublic = new int[count + 1];
        var lastPublic = chains.LastPublic;
        for (var i = 0; i < count; i++)
        {
            _scopes[i] = StreamRules.Scope(events[i]);
            _prevPublic[i] = lastPublic;
            if (_scopes[i].IsPublic) lastPublic = events[i].Seq;
            else if (_scopes[i].Subject is { } participant) _withOwn.Add(participant);
        }
        _nextPublic[count] = count;
        for (var i = count - 1; i >= 0; i--) _nextPublic[i] = _scopes[i].IsPublic ? i : _nextPublic[i + 1];
    }

    public IReadOnlyList<EventScope> Scopes => _scopes;

    /// <summary>The message for a v2 subscriber, shared with every subscriber of equal content; null when nothing is for it.</summary>
    public StreamMessage? MessageFor(Subscriber subscriber)
    {
        if (_events.Count == 0) return null;
        var start = (int)Math.Clamp(subscriber.SkipThrough - _events[0].Seq + 1, 0, _events.Count);
        if (start == _events.Count) return null;
        var audience = subscriber.Audience;
        if (audience.Role != Roles.Participant) return Shared((audience.Role, start, 0), subscriber, start);
        if (audience.ParticipantId is { } self && _withOwn.Contains(self) && HasOwnFrom(self, start)) return Build(subscriber, start);
        var first = _nextPublic[start];
        if (first == _events.Count) return null;
        var prevSeq = AudienceChains.PrevSeq(_prevPublic[first], _chains.LastOwn(audience.ParticipantId ?? 0), subscriber);
        return Shared((Roles.Participant, first, prevSeq), subscriber, first);
    }

    private StreamMessage? Shared((string, int, long) key, Subscriber subscriber, int start)
    {
        if (!_messages.TryGetValue(key, out var message)) _messages[key] = message = Build(subscriber, start);
        return message;
    }

    private bool HasOwnFrom(int participantId, int start)
    {
        for (var i = start; i < _events.Count; i++)
            if (_scopes[i].Subject == participantId) return true;
        return false;
    }

    private StreamMessage? Build(Subscriber subscriber, int start)
    {
        var audience = subscriber.Audience;
        var participant = audience.Role == Roles.Participant;
        var lastOwn = participant ? _chains.LastOwn(audience.ParticipantId ?? 0) : 0;
        var envelopes = new List<EventEnvelope>(_events.Count - start);
        for (var i = start; i < _events.Count; i++)
        {
            if (!StreamRules.Sees(audience, _scopes[i])) continue;
            var e = _events[i];
            var prevSeq = participant ? AudienceChains.PrevSeq(_prevPublic[i], lastOwn, subscriber) : e.Seq - 1;
            if (participant && !_scopes[i].IsPublic) lastOwn = e.Seq;
            if (TryData(i, audience, out var data)) envelopes.Add(new EventEnvelope(e.SessionId, e.Seq, prevSeq, e.Type, e.At, data));
        }
        return envelopes.Count == 0 ? null : new StreamMessage(new SerializedHubMessage(new InvocationMessage(nameof(ISessionClient.Events), [envelopes])), envelopes.Count);
    }

    private bool TryData(int index, Audience audience, out object? data)
    {
        data = null;
        if (_broken.Contains(index)) return false;
        var e = _events[index];
        var key = (index, EventRedaction.VariantOf(e, audience));
        if (_data.TryGetValue(key, out data)) return true;
        try
        {
            _data[key] = data = Envelopes.Data(e, audience, StreamVersions.V2);
            return true;
        }
        catch (Exception ex)
        {
            _broken.Add(index);
            _failed(ex, e.Seq);
            return false;
        }
    }
}

/// <summary>An <c>Events</c> message and how many envelopes it carries (for the delivery metrics).</summary>
internal readonly record struct StreamMessage(SerializedHubMessage Message, int Envelopes);
