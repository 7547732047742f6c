using System.Text.Json;
using Conflicto.Data.Events;
using Dapper;
using Npgsql;

namespace Conflicto.Data.Summaries;

/// <summary>The counts a session summary is made of, and the <c>session.summary</c> event that carries it.</summary>
public sealed class SummaryStore(NpgsqlDataSource dataSource, SessionUnits units)
{
    public async Task<SummaryFacts> ReadFactsAsync(int sessionId, CancellationToken ct)
    {
        const string sql = """
            select count(*)::int from participants where session_id = @sessionId;
            select count(distinct participant_id)::int from user_responses where session_id = @sessionId;
            select date_trunc('minute', joined_at) as minute, count(*)::int as joins
            from participants where session_id = @sessionId group by 1 order by 1;
            select activity_id, count(*)::int as responses, count(distinct participant_id)::int as participants
            from user_responses where session_id = @sessionId group by activity_id;
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var reader = await connection.QueryMultipleAsync(new CommandDefinition(sql, new { sessionId }, cancellationToken: ct));
        var joined = await reader.ReadSingleAsync<int>();
        var answered = await reader.ReadSingleAsync<int>();
        var joins = (await reader.ReadAsync<JoinBucket>()).ToList();
        var activities = (await reader.ReadAsync<ActivityParticipation>()).ToDictionary(a => a.ActivityId);
        return new SummaryFacts(joined, answered, joins, activities);
    }

    /// <summary>The activities a participant answered, with how many responses each (anonymous ones included: the participant is their author).</summary>
    public async Task<IReadOnlyDictionary<Guid, int>> ReadOwnAsync(int sessionId, int participantId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(Guid ActivityId, int Responses)>(new CommandDefinition(
            "select activity_id, count(*)::int from user_responses where session_id = @sessionId and participant_id = @participantId group by activity_id",
            new { sessionId, participantId }, cancellationToken: ct));
        return rows.ToDictionary(r => r.ActivityId, r => r.Responses);
    }

    /// <summary>
    /// Appends <c>session.summary</c> once per session: under the session lock, a session that
    /// already has one (another node, a retry) gets none. Returns the event, or null when there
    /// was one already or the session is gone or not completed.
    /// </summary>
    public async Task<SessionEvent?> EmitOnceAsync(int sessionId, JsonElement summary, CancellationToken ct)
    {
        await using var tx = await units.BeginAsync(sessionId, ct);
        if (tx is null || tx.Session.Status != Sessions.SessionStatuses.Completed) return null;
        var exists = await tx.Connection.ExecuteScalarAsync<bool>(tx.Command(
            "select exists (select 1 from session_events where session_id = @sessionId and type = @type)",
            new { sessionId, type = EventTypes.SessionSummary }, ct));
        if (exists) return null;
        tx.Emit(EventTypes.SessionSummary, summary);
        var events = await tx.CommitAsync(ct);
        return events[^1];
    }
}
