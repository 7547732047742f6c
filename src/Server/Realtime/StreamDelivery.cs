using Conflicto.Data.Events;
using Conflicto.Server.Access;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Conflicto.Server.Realtime;

/// <summary>
/// Writes one drain of a session's stream to its subscribers on this node: v1 subscribers one
/// <c>Event</c> per event (serialised once per redaction variant), v2 subscribers one <c>Events</c>
/// message cut for their audience (<see cref="StreamBatch"/>). Writes are not awaited, so a slow
/// client holds up nobody. Every failure is logged with the session and seq and never thrown:
/// the stream goes on, and clients that missed something see the gap and resume from the log.
/// Each drain adds its writes to <see cref="RealtimeMetrics"/> once, and records each event's time
/// from commit to the end of its drain's hand-over (writes are queued on the connections then;
/// the socket itself is written by each connection's own loop). A connection with more than
/// <c>Realtime:MaxQueuedMessages</c> writes waiting (a client that stopped reading) is closed
/// (<see cref="SlowConsumers"/>), so what waits for it stays bounded.
/// </summary>
internal sealed partial class StreamDelivery(int sessionId, ILogger logger, RealtimeMetrics? metrics = null, TimeProvider? time = null, int maxQueuedMessages = 500)
{
    /// <summary>Logs that an event could not be delivered (its payload, or a step after sending it).</summary>
    public void ReportFailed(Exception exception, long seq) => LogDeliveryFailed(logger, exception, sessionId, seq);

    /// <summary>Writes one drain to the subscribers: v1 one Event per event, v2 one Events message each, then moves the chains.</summary>
    public void Deliver(List<SessionEvent> batch, List<Subscriber> subscribers, AudienceChains chains)
    {
        var v1 = subscribers.Where(s => s.Version < StreamVersions.V2).ToList();
        var v1Messages = 0;
        if (v1.Count > 0) foreach (var e in batch) v1Messages += DeliverOne(e, v1);

        var v2 = subscribers.Where(s => s.Version >= StreamVersions.V2).ToList();
        var (v2Messages, v2Envelopes) = (0, 0);
        var cut = new StreamBatch(batch, chains, ReportFailed);
        foreach (var subscriber in v2)
        {
            StreamMessage? message;
            try
            {
                message = cut.MessageFor(subscriber);
            }
            catch (Exception ex)
            {
                LogBatchFailed(logger, ex, sessionId, batch[0].Seq, batch[^1].Seq, subscriber.Connection.ConnectionId);
                continue;
            }
            if (message is not { } written) continue;
            Write(subscriber, written.Message, batch[^1].Seq);
            v2Messages++;
            v2Envelopes += written.Envelopes;
        }
        // Every released event moves the chains, whoever follows the stream now.
        for (var i = 0; i < batch.Count; i++) chains.Advance(batch[i], cut.Scopes[i]);
        Measure(batch, v1Messages, v2Messages, v2Envelopes);
    }

    private void Measure(List<SessionEvent> batch, int v1Messages, int v2Messages, int v2Envelopes)
    {
        if (metrics is null) return;
        metrics.Drained(v1Messages, v2Messages, v2Envelopes);
        if (v1Messages + v2Messages == 0 || !metrics.MeasuresDelivery) return;
        var now = (time ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        foreach (var e in batch)
            if (e.CommittedAt is { } committed) metrics.Delivered(now - committed);
    }

    /// <summary>Stream v1: one Event per event, serialised once per redaction variant; returns the messages written.</summary>
    private int DeliverOne(SessionEvent e, List<Subscriber> subscribers)
    {
        var written = 0;
        try
        {
            var variants = new Dictionary<string, SerializedHubMessage>(4);
            var author = EventRedaction.AuthorOf(e);
            foreach (var subscriber in subscribers)
            {
                if (e.Seq <= subscriber.SkipThrough) continue;
                var key = EventRedaction.VariantOf(author, subscriber.Audience);
                if (!variants.TryGetValue(key, out var message))
                {
                    var envelope = Envelopes.For(e, subscriber.Audience, e.Seq - 1, StreamVersions.V1);
                    variants[key] = message = new SerializedHubMessage(new InvocationMessage(nameof(ISessionClient.Event), [envelope]));
                }
                Write(subscriber, message, e.Seq);
                written++;
            }
        }
        catch (Exception ex)
        {
            ReportFailed(ex, e.Seq);
        }
        return written;
    }

    /// <summary>Writes without waiting; a failure is logged, never thrown.</summary>
    public void Write(Subscriber subscriber, SerializedHubMessage message, long seq)
    {
        try
        {
            // Not awaited: a slow or dead client must not hold up the others. Order per
            // connection is kept by the connection's own FIFO write lock, and a dead client is
            // dropped by the keep-alive timeout, which bounds what can pile up for it.
            var write = subscriber.Connection.WriteAsync(message);
            if (!write.IsCompletedSuccessfully) _ = ObserveAsync(write, seq, subscriber.Connection);
        }
        catch (Exception ex)
        {
            LogWriteFailed(logger, ex, sessionId, seq, subscriber.Connection.ConnectionId);
        }
    }

    private async Task ObserveAsync(ValueTask write, long seq, HubConnectionContext connection)
    {
        var backlog = SlowConsumers.Queued(connection);
        try
        {
            if (backlog.Add() > maxQueuedMessages && backlog.Close())
            {
                LogSlowConsumer(logger, connection.ConnectionId, sessionId, maxQueuedMessages);
                connection.Abort(); // its pending writes fail now; it resumes from its last seq when it connects again
            }
            await write;
        }
        catch (Exception ex)
        {
            // A connection that failed mid-write is closing; its reconnect resumes from its last seq.
            logger.LogDebug(ex, "Writing event {Seq} of session {SessionId} to a connection failed", seq, sessionId);
        }
        finally
        {
            backlog.Done();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing hub connection {ConnectionId} of session {SessionId}: it stopped reading (more than {MaxQueued} messages waiting for it, Realtime:MaxQueuedMessages); it resumes from its last seq when it connects again")]
    private static partial void LogSlowConsumer(ILogger logger, string connectionId, int sessionId, int maxQueued);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivering event {Seq} of session {SessionId} failed; the stream goes on (clients see the gap and resume from the log)")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, int sessionId, long seq);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cutting events {FirstSeq}..{LastSeq} of session {SessionId} for connection {ConnectionId} failed; the stream goes on")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int sessionId, long firstSeq, long lastSeq, string connectionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing event {Seq} of session {SessionId} to connection {ConnectionId} failed; the stream goes on")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int sessionId, long seq, string connectionId);
}
