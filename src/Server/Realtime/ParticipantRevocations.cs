using System.Collections.Concurrent;
using System.Text.Json;
using Conflicto.Data.Events;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Realtime;

/// <summary>
/// Takes a participant's rights away from its open hub connections on this node the moment it
/// leaves or is removed, wherever that happened. A connection resolves its participant token
/// once, at connect time, so without this it would keep acting for a participant that is gone.
/// Every node hears every <c>participant.left</c>: local commits and other nodes' through
/// <see cref="ISessionEventObserver"/> (the event bus calls observers too), and those only found
/// by database catch-up through the session streams. Each affected connection is refused every
/// further call (<see cref="HubCallFilter"/>), told why (<see cref="ISessionClient.Revoked"/>),
/// dropped from its session stream and closed after <see cref="RealtimeOptions.RevokedCloseDelayMs"/>.
/// The response writer refuses a left participant's response under the session lock, which
/// covers a submission already in flight.
/// </summary>
public sealed partial class ParticipantRevocations : ISessionEventObserver, IDisposable
{
    /// <summary>Long enough for any connection that resolved a token just before the leave to bind; revoked connections close within seconds.</summary>
    private static readonly TimeSpan Remembered = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<int, (RevokedNotice Notice, long At)> _revoked = new();
    private readonly ConcurrentDictionary<string, byte> _closing = new();
    private readonly LocalConnections _local;
    private readonly SessionStreams _streams;
    private readonly IOptions<RealtimeOptions> _options;
    private readonly ILogger<ParticipantRevocations> _logger;
    private readonly TimeProvider _clock;
    private long _lastPrune;

    public ParticipantRevocations(LocalConnections local, SessionStreams streams, IOptions<RealtimeOptions> options, TimeProvider clock, ILogger<ParticipantRevocations> logger)
    {
        (_local, _streams, _options, _clock, _logger) = (local, streams, options, clock, logger);
        _lastPrune = clock.GetTimestamp();
        streams.Released += OnReleased;
    }

    public void OnCommitted(IReadOnlyList<SessionEvent> events)
    {
        foreach (var e in events) OnReleased(e);
    }

    private void OnReleased(SessionEvent e)
    {
        if (e.Type != EventTypes.ParticipantLeft) return;
        var fields = EventFields.Of(e);
        if (fields.ParticipantId is not { } id) return;
        Revoke(e.SessionId, id, fields.RemovedByHost ? "removed" : "left");
    }

    /// <summary>Revokes a participant on this node (idempotent: the same leave arrives by several paths).</summary>
    public void Revoke(int sessionId, int participantId, string reason)
    {
        var notice = new RevokedNotice(sessionId, participantId, reason, reason switch
        {
            "removed" => "The host removed you from the session.",
            "left" => "You left the session.",
            _ => "Your participant token is no longer valid (you left or the host removed you).",
        });
        if (!_revoked.TryAdd(participantId, (notice, _clock.GetTimestamp()))) return;
        Prune();
        foreach (var connection in _local.OfParticipant(participantId)) _ = CloseAsync(connection, notice);
    }

    /// <summary>
    /// Binds a newly authenticated participant connection. Its token was checked just before: if
    /// the participant left in between, the leave found no connection to revoke, so it is revoked here.
    /// </summary>
    public void Track(HubConnectionContext connection, int participantId)
    {
        _local.BindParticipant(connection, participantId);
        if (_revoked.TryGetValue(participantId, out var revoked)) _ = CloseAsync(connection, revoked.Notice);
    }

    public bool IsRevoked(int participantId, out RevokedNotice notice)
    {
        var found = _revoked.TryGetValue(participantId, out var revoked);
        notice = revoked.Notice;
        return found;
    }

    private async Task CloseAsync(HubConnectionContext connection, RevokedNotice notice)
    {
        if (!_closing.TryAdd(connection.ConnectionId, 0)) return;
        try
        {
            // A participant follows only its own session: no more of its events for this connection.
            _streams.Leave(notice.SessionId, connection.ConnectionId);
            LogRevoked(_logger, connection.ConnectionId, notice.ParticipantId, notice.SessionId, notice.Reason);
            await connection.WriteAsync(new InvocationMessage(nameof(ISessionClient.Revoked), [notice]));
            await Task.Delay(TimeSpan.FromMilliseconds(_options.Value.RevokedCloseDelayMs), _clock, connection.ConnectionAborted);
        }
        catch (OperationCanceledException)
        {
            // The client went first.
        }
        catch (Exception ex)
        {
            _logger.LogDebug(ex, "Telling connection {ConnectionId} about its revocation failed", connection.ConnectionId);
        }
        finally
        {
            connection.Abort(); // closes without allowing a stateful reconnect: the token is gone anyway
            _closing.TryRemove(connection.ConnectionId, out _);
        }
    }

    private void Prune()
    {
        var now = _clock.GetTimestamp();
        if (_clock.GetElapsedTime(_lastPrune, now) < TimeSpan.FromMinutes(1)) return;
        _lastPrune = now;
        foreach (var (id, revoked) in _revoked)
            if (_clock.GetElapsedTime(revoked.At, now) > Remembered) _revoked.TryRemove(id, out _);
    }

    public void Dispose() => _streams.Released -= OnReleased;

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {ConnectionId} of participant {ParticipantId} in session {SessionId} revoked ({Reason}); closing it")]
    private static partial void LogRevoked(ILogger logger, string connectionId, int participantId, int sessionId, string reason);
}
