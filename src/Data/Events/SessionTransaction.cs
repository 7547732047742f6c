using System.Text.Json;
using Conflicto.Data.Infrastructure;
using Dapper;
using Npgsql;

namespace Conflicto.Data.Events;

/// <summary>
/// A unit of work on one session. It starts by locking the session row, which serialises every
/// change of that session: seq values are handed out in order, commit in order, and the clock
/// read after the lock (<see cref="Now"/>) is monotonic per session, which makes "since" cursors
/// safe. Events are written with the change in the same transaction.
/// </summary>
internal sealed class SessionTransaction : IAsyncDisposable
{
    private readonly List<SessionEvent> _events = [];
    private bool _committed;

    private SessionTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction, LockedSession session)
    {
        Connection = connection;
        Transaction = transaction;
        Session = session;
    }

    public NpgsqlConnection Connection { get; }
    public NpgsqlTransaction Transaction { get; }
    public LockedSession Session { get; }
    public DateTime Now => Session.Now;
    public IReadOnlyList<SessionEvent> Events => _events;

    /// <summary>Begins the unit of work, or returns null when the session does not exist.</summary>
    public static async Task<SessionTransaction?> BeginAsync(NpgsqlDataSource dataSource, int sessionId, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        NpgsqlTransaction? transaction = null;
        try
        {
            transaction = await connection.BeginTransactionAsync(ct);
            const string sql = """
                select id, status, max_participants, last_seq, clock_timestamp() as now
                from sessions where id = @sessionId
                for update
                """;
            var session = await connection.QuerySingleOrDefaultAsync<LockedSession>(
                new CommandDefinition(sql, new { sessionId }, transaction, cancellationToken: ct));
            if (session is not null) return new SessionTransaction(connection, transaction, session);

            await transaction.DisposeAsync();
            await connection.DisposeAsync();
            return null;
        }
        catch
        {
            if (transaction is not null) await transaction.DisposeAsync();
            await connection.DisposeAsync();
            throw;
        }
    }

    public CommandDefinition Command(string sql, object? parameters, CancellationToken ct) =>
        new(sql, parameters, Transaction, cancellationToken: ct);

    /// <summary>Records an event and returns the seq it will have once committed.</summary>
    public long Emit<T>(string type, T data)
    {
        var seq = Session.LastSeq + _events.Count + 1;
        _events.Add(new SessionEvent(Session.Id, seq, type, Now, Json.ToElement(data)));
        return seq;
    }

    /// <summary>The seq the next <see cref="Emit{T}"/> will return.</summary>
    public long NextSeq => Session.LastSeq + _events.Count + 1;

    public async Task<IReadOnlyList<SessionEvent>> CommitAsync(CancellationToken ct)
    {
        if (_events.Count > 0)
        {
            const string bump = """
                update sessions set last_seq = @lastSeq, last_event_at = @now where id = @id
                """;
            await Connection.ExecuteAsync(Command(bump, new { lastSeq = _events[^1].Seq, now = Now, id = Session.Id }, ct));
            await EventLog.AppendAsync(Connection, Transaction, _events, ct);
        }

        await Transaction.CommitAsync(ct);
        _committed = true;
        return _events;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_committed) await Transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}

/// <summary>The locked session row as a unit of work sees it.</summary>
internal sealed record LockedSession
{
    public int Id { get; init; }
    public string Status { get; init; } = "";
    public int MaxParticipants { get; init; }
    public long LastSeq { get; init; }
    public DateTime Now { get; init; }
}

internal static class EventLog
{
    public static Task AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<SessionEvent> events, CancellationToken ct)
    {
        const string sql = """
            insert into session_events (session_id, seq, type, at, data)
            select @sessionId, e.seq, e.type, @at, e.data::jsonb
            from unnest(@seqs, @types, @datas) as e(seq, type, data)
            """;
        var parameters = new
        {
            sessionId = events[0].SessionId,
            at = events[0].At,
            seqs = events.Select(e => e.Seq).ToArray(),
            types = events.Select(e => e.Type).ToArray(),
            datas = events.Select(e => e.Data.GetRawText()).ToArray(),
        };
        return connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: ct));
    }
}
