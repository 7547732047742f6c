using System.Text.Json;
using Conflicto.Data.Activities;
using Conflicto.Data.Events;
using Conflicto.Data.Infrastructure;
using Conflicto.Data.Sessions;
using Dapper;
using Npgsql;

namespace Conflicto.Data.Participants;

public sealed class ParticipantStore(NpgsqlDataSource dataSource, SessionUnits units, ParticipantJoins joins)
{
    internal const string Columns = "id, session_id, nickname, joined_at, last_seen, left_at, activity_context";

    /// <summary>The present participants' nicknames that share a prefix (@prefix): what a nickname is checked against.</summary>
    internal const string NicknamesWithPrefix = """
        select nickname from participants
        where session_id = @sessionId and left_at is null and left(lower(nickname), length(@prefix)) = lower(@prefix)
        """;

    /// <summary>Joins a session: group-committed with the joins waiting for the same session (<see cref="ParticipantJoins"/>).</summary>
    public Task<WriteResult<JoinedParticipant>> JoinAsync(int sessionId, string nickname, CancellationToken ct) =>
        joins.JoinAsync(sessionId, nickname, ct);

    /// <summary>
    /// Keeps <c>sessions.participant_count</c> equal to the present participants: sent with the
    /// commit of every join and leave, which hold the session row lock, so no two changes of the
    /// count interleave and every session read sees the count of its last committed change.
    /// </summary>
    internal const string CountChange = "update sessions set participant_count = participant_count + @pc_delta where id = @pc_session";

    /// <summary>Whether a nickname is free now, and what a join would get instead if not.</summary>
    public async Task<(bool Available, string Suggestion)> CheckNicknameAsync(int sessionId, string nickname, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var taken = (await connection.QueryAsync<string>(new CommandDefinition(
            NicknamesWithPrefix, new { sessionId, prefix = Nicknames.CandidatePrefix(nickname) }, cancellationToken: ct))).ToList();
        var free = Nicknames.FirstFree(nickname, taken);
        return (free == nickname, free);
    }

    public async Task<ParticipantIdentity?> FindByTokenAsync(string token, CancellationToken ct)
    {
        const string sql = """
            select id as participant_id, session_id, nickname from participants
            where token_hash = @hash and left_at is null
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<ParticipantIdentity>(new CommandDefinition(sql, new { hash = ParticipantTokens.Hash(token) }, cancellationToken: ct));
    }

    public async Task<ParticipantRow?> GetAsync(int id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<ParticipantRow>(new CommandDefinition(
            $"select {Columns} from participants where id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>Present participants (not left) of a session, in joining order.</summary>
    public async Task<IReadOnlyList<ParticipantRow>> ListAsync(int sessionId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<ParticipantRow>(new CommandDefinition(
            $"select {Columns} from participants where session_id = @sessionId and left_at is null order by joined_at, id",
            new { sessionId }, cancellationToken: ct));
        return rows.ToList();
    }

    /// <summary>
    /// Records that a participant is alive. Not an event: presence is derived from last_seen and
    /// pushed as coalesced counts, so heartbeats never flood the log.
    /// </summary>
    public async Task<ParticipantRow?> HeartbeatAsync(int id, JsonElement? activityContext, CancellationToken ct)
    {
        const string sql = $"""
            update participants
            set last_seen = clock_timestamp(),
                activity_context = coalesce(@context::jsonb, activity_context)
            where id = @id and left_at is null
            returning {Columns}
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<ParticipantRow>(new CommandDefinition(
            sql, new { id, context = activityContext?.GetRawText() }, cancellationToken: ct));
    }

    /// <summary>
    /// Marks a participant as gone (it left, or the host removed it): its token stops working and
    /// its nickname is free again. Responses stay. The event tells every node, which revokes the
    /// participant's open hub connections.
    /// </summary>
    public async Task<WriteResult<ParticipantRow>> LeaveAsync(int id, bool removedByHost, CancellationToken ct)
    {
        // Locks the participant's session and reads the participant after the lock, in one round
        // trip: a leave that raced this one and won shows as already gone.
        if (await units.BeginForRowAsync<ParticipantRow>(
                "select session_id from participants where id = @id",
                $"select {Columns} from participants where id = @id and left_at is null",
                new { id }, ct) is not ({ } tx, { } current))
            return WriteResult<ParticipantRow>.NotFound($"Participant {id} not found.");
        await using var _ = tx;
        const string sql = $"""
            update participants set left_at = @now, token_hash = null
            where id = @id
            returning {Columns}
            """;
        var row = await tx.Connection.QuerySingleAsync<ParticipantRow>(tx.Command(sql, new { id = current.Id, now = tx.Now }, ct));
        tx.Defer(CountChange, new Dictionary<string, object?> { ["pc_session"] = row.SessionId, ["pc_delta"] = -1 });
        tx.Emit(EventTypes.ParticipantLeft, ParticipantLeftPayload.From(row, removedByHost));
        var events = await tx.CommitAsync(ct);
        return WriteResult<ParticipantRow>.Ok(row, events);
    }
}
