using System.Collections.Concurrent;
using Conflicto.Data.Events;
using Conflicto.Data.Infrastructure;
using Conflicto.Server.Access;
using Conflicto.Server.Realtime;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Conflicto.Tests.Unit.Server.Realtime;

/// <summary>A hub connection that records what is written to it (or throws, like a broken one).</summary>
internal sealed class RecordingConnection(string id, bool throws = false)
    : HubConnectionContext(new DefaultConnectionContext(id), new HubConnectionContextOptions(), NullLoggerFactory.Instance)
{
    private readonly ConcurrentQueue<SerializedHubMessage> _sent = new();

    public IReadOnlyList<SerializedHubMessage> Sent => _sent.ToList();

    public override ValueTask WriteAsync(SerializedHubMessage message, CancellationToken cancellationToken = default)
    {
        if (throws) throw new InvalidOperationException("The connection is broken.");
        _sent.Enqueue(message);
        return ValueTask.CompletedTask;
    }

    /// <summary>The envelopes of each message, in order (an <c>Event</c> carries one).</summary>
    public IReadOnlyList<IReadOnlyList<EventEnvelope>> Batches => Sent.Select(m => (InvocationMessage)m.Message!).Select(m => m.Target switch
    {
        nameof(ISessionClient.Events) => (IReadOnlyList<EventEnvelope>)m.Arguments[0]!,
        _ => (IReadOnlyList<EventEnvelope>)[(EventEnvelope)m.Arguments[0]!],
    }).ToList();

    public IReadOnlyList<long> Seqs => Batches.SelectMany(b => b).Select(e => e.Seq).ToList();

    public IReadOnlyList<long> PrevSeqs => Batches.SelectMany(b => b).Select(e => e.PrevSeq).ToList();
}

/// <summary>A clock whose timers fire only when told: a batch pause lasts until <see cref="FireAll"/>.</summary>
internal sealed class ManualTime : TimeProvider
{
    private readonly List<ManualTimer> _timers = [];

    public int Pending { get { lock (_timers) return _timers.Count(t => !t.Done); } }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(callback, state);
        lock (_timers) _timers.Add(timer);
        return timer;
    }

    public void FireAll()
    {
        List<ManualTimer> due;
        lock (_timers) due = _timers.Where(t => !t.Done).ToList();
        foreach (var timer in due) timer.Fire();
    }

    private sealed class ManualTimer(TimerCallback callback, object? state) : ITimer
    {
        public bool Done { get; private set; }

        public void Fire()
        {
            if (Done) return;
            Done = true;
            callback(state);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose() => Done = true;

        public ValueTask DisposeAsync()
        {
            Done = true;
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>Keeps the errors a stream logs.</summary>
internal sealed class ErrorLog : ILogger
{
    private readonly ConcurrentQueue<string> _errors = new();

    public IReadOnlyList<string> Errors => _errors.ToList();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel >= LogLevel.Error) _errors.Enqueue(formatter(state, exception));
    }
}

internal static class StreamTesting
{
    public const int Session = 7;

    public static SessionEvent Event(long seq, string type, object? data = null) =>
        new(Session, seq, type, DateTime.UtcNow, Json.ToElement(data ?? new { }));

    public static SessionEvent Joined(long seq, int participant) => Event(seq, EventTypes.ParticipantJoined, new { participant_id = participant, nickname = $"P{participant}" });

    public static SessionEvent Answered(long seq, int participant) =>
        Event(seq, EventTypes.ResponseAdded, new { id = Guid.NewGuid(), activity_id = Guid.NewGuid(), participant_id = participant, anonymous = false, response_data = new { option_index = 1 } });

    public static SessionEvent Updated(long seq) => Event(seq, EventTypes.SessionUpdated, new { id = Session, title = $"Title {seq}" });

    /// <summary>Adds a subscriber the way JoinSession does, its snapshot at <paramref name="snapshotSeq"/>.</summary>
    public static RecordingConnection Subscribe(this SessionStream stream, Audience audience, long snapshotSeq, int version = StreamVersions.V2, bool throws = false)
    {
        var connection = new RecordingConnection(Guid.NewGuid().ToString("n"), throws);
        stream.BeginJoin();
        stream.CompleteJoin(new Subscriber(connection, audience, snapshotSeq, version), snapshotSeq);
        return connection;
    }

    /// <summary>Waits (bounded) until <paramref name="done"/> holds.</summary>
    public static async Task EventuallyAsync(Func<bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!done())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(5);
        }
    }
}
