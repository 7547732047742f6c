using System.Data;
using Conflicto.Data.Activities;
using Conflicto.Data.Participants;
using Conflicto.Data.Sessions;
using Dapper;
using Npgsql;

namespace Conflicto.Data.Events;

/// <summary>A session as of <see cref="LastSeq"/>, with the events a resuming client missed.</summary>
public sealed record SessionSnapshotData(
    SessionRow Session, IReadOnlyList<ActivityRow> Activities, IReadOnlyList<ParticipantRow> Participants,
    IReadOnlyList<SessionEvent> Events, bool Recovered)
{
    public long LastSeq => Session.LastSeq;
}

public sealed class SnapshotStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Reads the session, its activities and participants, and (when <paramref name="afterSeq"/>
    /// is given and at most <paramref name="maxReplay"/> behind) the events after it, all in one
    /// repeatable-read snapshot so they agree with each other and with <c>last_seq</c>.
    /// </summary>
    public async Task<SessionSnapshotData?> ReadAsync(int sessionId, long? afterSeq, int maxReplay, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var session = await connection.QuerySingleOrDefaultAsync<SessionRow>(new CommandDefinition(
            $"{SessionStore.SelectSession} where s.id = @sessionId", new { sessionId }, tx, cancellationToken: ct));
        if (session is null) return null;

        var activities = (await connection.QueryAsync<ActivityRow>(new CommandDefinition(
            "select * from activities where session_id = @sessionId order by order_index, created_at, id", new { sessionId }, tx, cancellationToken: ct))).ToList();
        var participants = (await connection.QueryAsync<ParticipantRow>(new CommandDefinition(
            "select id, session_id, nickname, joined_at, last_seen, left_at, activity_context from participants where session_id = @sessionId and left_at is null order by joined_at, id",
            new { sessionId }, tx, cancellationToken: ct))).ToList();

        var recovered = afterSeq is { } after && after >= 0 && after <= session.LastSeq && session.LastSeq - after <= maxReplay;
        IReadOnlyList<SessionEvent> events = [];
        if (recovered)
            events = await EventStore.ListAsync(connection, tx, sessionId, afterSeq!.Value, session.LastSeq, ct);
        await tx.CommitAsync(ct);
        return new SessionSnapshotData(session, activities, participants, events, recovered);
    }
}
