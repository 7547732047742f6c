using Conflicto.Data.Events;
using Conflicto.Data.Infrastructure;
using Dapper;
using Npgsql;

namespace Conflicto.Data.Sessions;

public sealed class SessionStore(NpgsqlDataSource dataSource, SessionUnits units)
{
    /// <summary>
    /// A session with what its views show. <c>participant_count</c> is a column kept by the join and
    /// leave transactions (see ParticipantStore), not a count of participants on every read: a
    /// session of 10,000 is read as fast as one of ten.
    /// </summary>
    internal static readonly string SelectSession = $"""
        select s.*,
               (select count(*) from activities a where a.session_id = s.id)::int as activity_count,
               {Activities.CurrentActivity.IdOf("s.id")} as current_activity_id
        from sessions s
        """;

    public async Task<SessionRow> CreateAsync(NewSession session, CancellationToken ct)
    {
        const string insert = """
            insert into sessions (title, description, max_participants, join_code, admin_code, last_seq)
            values (@Title, @Description, @MaxParticipants, @joinCode, @adminCode, 1)
            returning id
            """;
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            try
            {
                var parameters = new { session.Title, session.Description, session.MaxParticipants, joinCode = SessionCodes.NewJoinCode(), adminCode = SessionCodes.NewAdminCode() };
                var id = await connection.ExecuteScalarAsync<int>(new CommandDefinition(insert, parameters, transaction, cancellationToken: ct));
                var row = await connection.QuerySingleAsync<SessionRow>(new CommandDefinition($"{SelectSession} where s.id = @id", new { id }, transaction, cancellationToken: ct));
                var created = new SessionEvent(id, 1, EventTypes.SessionCreated, row.CreatedAt, Json.ToElement(SessionPayload.From(row)));
                var (appendSql, appendParameters) = EventLog.Append([created]);
                await connection.ExecuteAsync(new CommandDefinition(appendSql, new DynamicParameters(appendParameters), transaction, cancellationToken: ct));
                await units.CommitCreatedAsync(transaction, created, ct);
                return row;
            }
            catch (PostgresException ex) when (attempt < 5 &&
                (ex.IsUniqueViolation("sessions_join_code_key") || ex.IsUniqueViolation("sessions_admin_code_key")))
            {
                // Two sessions drew the same random code (31^6 admin codes): draw again.
            }
        }
    }

    public async Task<SessionRow?> GetAsync(int id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<SessionRow>(new CommandDefinition($"{SelectSession} where s.id = @id", new { id }, cancellationToken: ct));
    }

    public async Task<SessionRow?> GetByJoinCodeAsync(string joinCode, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<SessionRow>(new CommandDefinition($"{SelectSession} where s.join_code = @joinCode", new { joinCode }, cancellationToken: ct));
    }

    public async Task<SessionRow?> GetByAdminCodeAsync(string adminCode, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<SessionRow>(new CommandDefinition($"{SelectSession} where s.admin_code = @adminCode", new { adminCode }, cancellationToken: ct));
    }

    public async Task<(IReadOnlyList<SessionRow> Rows, int Total)> ListAsync(int offset, int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition("select count(*)::int from sessions", cancellationToken: ct));
        var rows = await connection.QueryAsync<SessionRow>(new CommandDefinition(
            $"{SelectSession} order by s.created_at desc, s.id desc offset @offset limit @limit", new { offset, limit }, cancellationToken: ct));
        return (rows.ToList(), total);
    }

    public async Task<WriteResult<SessionRow>> UpdateAsync(int id, SessionPatch patch, CancellationToken ct)
    {
        await using var tx = await units.BeginAsync(id, ct);
        if (tx is null) return WriteResult<SessionRow>.NotFound($"Session {id} not found.");

        var status = patch.Status ?? tx.Session.Status;
        if (!SessionStatuses.CanTransition(tx.Session.Status, status))
            return WriteResult<SessionRow>.Conflict($"A {tx.Session.Status} session cannot become {status}.");

        const string update = """
            update sessions set
                title = coalesce(@Title, title),
                description = case when @ClearDescription then null else coalesce(@Description, description) end,
                max_participants = coalesce(@MaxParticipants, max_participants),
                status = @status,
                started_at = case when @status = 'active' and started_at is null then @now else started_at end,
                completed_at = case when @status = 'completed' and completed_at is null then @now else completed_at end,
                updated_at = @now
            where id = @id
            """;
        await tx.Connection.ExecuteAsync(tx.Command(update, new { patch.Title, patch.Description, patch.ClearDescription, patch.MaxParticipants, status, now = tx.Now, id }, ct));
        // A completed session takes no more answers: its open activities close with it, in this
        // transaction, each with its own event before the session's (which stays the last one).
        if (status == SessionStatuses.Completed && tx.Session.Status != SessionStatuses.Completed)
            await Activities.ActivityStore.ExpireOpenAsync(tx, except: null, ct);
        var row = await tx.Connection.QuerySingleAsync<SessionRow>(tx.Command($"{SelectSession} where s.id = @id", new { id }, ct));
        var type = status != tx.Session.Status ? EventTypes.SessionStatusChanged : EventTypes.SessionUpdated;
        tx.Emit(type, SessionPayload.From(row));
        var events = await tx.CommitAsync(ct);
        return WriteResult<SessionRow>.Ok(row with { LastSeq = events[^1].Seq, LastEventAt = tx.Now }, events);
    }

    /// <summary>Deletes a session with everything in it (activities, participants, responses, its event log).</summary>
    public async Task<bool> DeleteAsync(int id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition("delete from sessions where id = @id", new { id }, cancellationToken: ct)) > 0;
    }
}
