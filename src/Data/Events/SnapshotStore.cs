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
    /// Reads the session, its activities and participants (all of them, or only
    /// <paramref name="onlyParticipant"/>), and (when <paramref name="afterSeq"/> is given and at
    /// most <paramref name="maxReplay"/> behind) the events after it: one round trip, one
    /// repeatable-read snapshot, so they agree with each other and with <c>last_seq</c>.
    /// </summary>
    public async Task<SessionSnapshotData?> ReadAsync(int sessionId, long? afterSeq, int maxReplay, int? onlyParticipant, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        // A participant's own row is found by its id, not by scanning the session's participants for
        // it (an "@only is null or id = @only" filter does the scan: O(audience) per join, O(N²) per storm).
        var sql = $"""
            {SessionStore.SelectSession} where s.id = @sessionId;
            select * from activities where session_id = @sessionId order by order_index, created_at, id;
            select id, session_id, nickname, joined_at, last_seen, left_at, activity_context from participants
            where session_id = @sessionId and left_at is null {(onlyParticipant is null ? "" : "and id = @onlyParticipant")}
            order by joined_at, id;
            select e.session_id, e.seq, e.type, e.at, e.data
            from sessions s join session_events e on e.session_id = s.id
            where s.id = @sessionId and @afterSeq::bigint >= 0 and @afterSeq <= s.last_seq and s.last_seq - @afterSeq <= @maxReplay
              and e.seq > @afterSeq and e.seq <= s.last_seq
            order by e.seq
            """;
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            sql, new { sessionId, afterSeq, maxReplay = (long)maxReplay, onlyParticipant }, tx, cancellationToken: ct));
        var session = await grid.ReadSingleOrDefaultAsync<SessionRow>();
        var activities = (await grid.ReadAsync<ActivityRow>()).ToList();
        var participants = (await grid.ReadAsync<ParticipantRow>()).ToList();
        var events = (await grid.ReadAsync<EventStore.EventRow>()).Select(r => r.ToEvent()).ToList();
        await tx.CommitAsync(ct);
        if (session is null) return null;

        var recovered = afterSeq is { } after && after >= 0 && after <= session.LastSeq && session.LastSeq - after <= maxReplay;
        return new SessionSnapshotData(session, activities, participants, events, recovered);
    }

    /// <summary>An activity with all its responses and the session seq they are current as of, read consistently.</summary>
    public async Task<(ActivityRow Activity, IReadOnlyList<Responses.ResponseRow> Responses, long AsOfSeq)?> ReadResultsBaseAsync(Guid activityId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var activity = await connection.QuerySingleOrDefaultAsync<ActivityRow>(new CommandDefinition(
            "select * from activities where id = @activityId", new { activityId }, tx, cancellationToken: ct));
        if (activity is null) return null;
        var seq = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "select last_seq from sessions where id = @sessionId", new { sessionId = activity.SessionId }, tx, cancellationToken: ct));
        var responses = await connection.QueryAsync<Responses.ResponseRow>(new CommandDefinition(
            "select id, session_id, activity_id, participant_id, response_data, change_seq, processing_status, moderation_verdict, moderation_reason, moderation_override, anonymous, pinned, answered, enrichment, created_at, updated_at from user_responses where activity_id = @activityId order by change_seq",
            new { activityId }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return (activity, responses.ToList(), seq);
    }

    /// <summary>Present and online (seen within the online window) participants per session.</summary>
    public async Task<IReadOnlyDictionary<int, (int Present, int Online)>> PresenceCountsAsync(IReadOnlyCollection<int> sessionIds, TimeSpan onlineWindow, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(int SessionId, int Present, int Online)>(new CommandDefinition("""
            select session_id, count(*)::int, (count(*) filter (where last_seen > clock_timestamp() - @onlineWindow))::int
            from participants where session_id = any(@ids) and left_at is null group by session_id
            """, new { ids = sessionIds.ToArray(), onlineWindow }, cancellationToken: ct));
        return rows.ToDictionary(r => r.SessionId, r => (r.Present, r.Online));
    }

    /// <summary>Marks participants connected to this node as seen now (their connection is their heartbeat).</summary>
    public async Task TouchParticipantsAsync(IReadOnlyCollection<int> participantIds, CancellationToken ct)
    {
        if (participantIds.Count == 0) return;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "update participants set last_seen = clock_timestamp() where id = any(@ids) and left_at is null",
            new { ids = participantIds.ToArray() }, cancellationToken: ct));
    }
}
