using System.Collections.Concurrent;
using System.Text.Json;
using Conflicto.Data.Events;
using Conflicto.Data.Quiz;
using Conflicto.Server.Access;
using Conflicto.Server.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace Conflicto.Server.Quiz;

/// <summary>
/// What this node knows about when each participant got a quiz question, and each hub connection's
/// round trip. Send times: when this node's stream sent the question's <c>quiz.updated</c> to a
/// participant's connection, or gave it to them in a snapshot (joining late, reconnecting): the
/// earliest counts, so reconnecting never restarts anyone's clock. Round trips: measured by the
/// server itself (<see cref="Ping"/>: the time between handing out a nonce and getting it back).
/// Both are in memory: a participant who reconnects to another node mid-question is measured from
/// the question's start instead, which only widens what the server believes.
/// </summary>
public sealed class QuizClock
{
    private const string RoundTripKey = "quiz.round_trip";
    private const int Samples = 5;
    private readonly ConcurrentDictionary<(Guid Activity, int Question, int Participant), DateTime> _sent = new();
    private readonly SessionStreams _streams;
    private readonly TimeProvider _time;

    public QuizClock(SessionStreams streams, TimeProvider time)
    {
        _streams = streams;
        _time = time;
        streams.Released += OnReleased;
    }

    public DateTime Now => _time.GetUtcNow().UtcDateTime;

    /// <summary>When this node first sent the question to the participant, if it did.</summary>
    public DateTime? SentAt(Guid activityId, int questionIndex, int participantId) =>
        _sent.TryGetValue((activityId, questionIndex, participantId), out var at) ? at : null;

    /// <summary>A participant got an open question in a snapshot (joined late, or reconnected).</summary>
    public void Delivered(Guid activityId, int questionIndex, int participantId) => _sent.TryAdd((activityId, questionIndex, participantId), Now);

    private void OnReleased(SessionEvent e)
    {
        if (e.Type != QuizStore.EventType || !IsQuestionStart(e.Data, out var activityId, out var question)) return;
        var now = Now;
        foreach (var key in _sent.Keys.Where(k => k.Activity == activityId && k.Question != question)) _sent.TryRemove(key, out _);
        if (_streams.Find(e.SessionId) is not { } stream) return;
        foreach (var subscriber in stream.Subscribers)
        {
            if (subscriber.Audience is { Role: Roles.Participant, ParticipantId: { } participant }) _sent.TryAdd((activityId, question, participant), now);
        }
    }

    private static bool IsQuestionStart(JsonElement data, out Guid activityId, out int question)
    {
        activityId = default;
        question = -1;
        return data.TryGetProperty("phase", out var phase) && phase.GetString() == QuizPhases.Question
            && data.TryGetProperty("activity_id", out var id) && id.TryGetGuid(out activityId)
            && data.TryGetProperty("question_index", out var q) && q.TryGetInt32(out question);
    }

    /// <summary>
    /// One step of the round-trip measure: <paramref name="echo"/> is the nonce the previous call
    /// returned (the client sends it back at once); the time since that call is one full round trip.
    /// </summary>
    public PingResult Ping(HubCallerContext context, string? echo)
    {
        var state = context.Items.TryGetValue(RoundTripKey, out var found) && found is RoundTrips r ? r : new RoundTrips();
        context.Items[RoundTripKey] = state;
        long? measured = null;
        lock (state)
        {
            if (echo is not null && echo == state.Nonce)
            {
                measured = (long)(Now - state.IssuedAt).TotalMilliseconds;
                state.Recent.Enqueue(measured.Value);
                while (state.Recent.Count > Samples) state.Recent.Dequeue();
            }
            state.Nonce = Guid.NewGuid().ToString("N");
            state.IssuedAt = Now;
            return new PingResult(state.Nonce, measured, Now);
        }
    }

    /// <summary>The connection's round trip: the slowest of its recent measures (kind to a jittery phone), null when never measured.</summary>
    public static long? RoundTripMs(HubCallerContext context)
    {
        if (!context.Items.TryGetValue(RoundTripKey, out var found) || found is not RoundTrips state) return null;
        lock (state) return state.Recent.Count == 0 ? null : state.Recent.Max();
    }

    private sealed class RoundTrips
    {
        public string? Nonce;
        public DateTime IssuedAt;
        public readonly Queue<long> Recent = new();
    }
}

/// <summary>The answer to the hub's <c>Ping</c>: the nonce to send back, the round trip just measured (if the echo matched), the server's time.</summary>
[System.Runtime.Serialization.DataContract]
public sealed record PingResult(
    [property: System.Runtime.Serialization.DataMember(Name = "nonce")] string Nonce,
    [property: System.Runtime.Serialization.DataMember(Name = "roundTripMs")] long? RoundTripMs,
    [property: System.Runtime.Serialization.DataMember(Name = "serverTime")] DateTime ServerTime);

/// <summary>How an answer arrived: when, and (over the hub) the connection's measured round trip.</summary>
public sealed record AnswerTiming(DateTime ArrivedAt, long? RoundTripMs, bool ViaHub);
