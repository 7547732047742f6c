using System.Text.Json;
using Conflicto.Data.Infrastructure;
using Dapper;
using Npgsql;

namespace Conflicto.Data.Events;

/// <summary>
/// A unit of work on one session. It starts by locking the session row, which serialises every
/// change of that session: seq values are handed out in order, commit in order, and the clock
/// read after the lock (<see cref="Now"/>) is monotonic per session, which makes "since" cursors
/// safe. Events are written with the change in the same transaction, and
/// <see cref="CommitAsync"/> hands them to the observers once durable: committing and notifying
/// are one step, so no change can commit without reaching the hub, the polling cache and the bus.
/// Units of work are opened through <see cref="SessionUnits"/>.
/// </summary>
internal sealed class SessionTransaction : IAsyncDisposable
{
    private readonly List<SessionEvent> _events = [];
    private readonly SessionEventNotifier _notifier;
    private readonly List<(string Sql, IReadOnlyDictionary<string, object?> Parameters)> _deferred = [];

    private SessionTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction, LockedSession session, SessionEventNotifier notifier)
    {
        _notifier = notifier;
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
    internal static async Task<SessionTransaction?> BeginAsync(NpgsqlDataSource dataSource, SessionEventNotifier notifier, int sessionId, CancellationToken ct) =>
        (await BeginCoreAsync<object>(dataSource, notifier, "@sessionId", rowSql: null, new { sessionId }, ct))?.Tx;

    /// <summary>
    /// Begins the unit of work on the session that owns a row and reads that row under the lock,
    /// in one round trip: <paramref name="sessionOfRowSql"/> selects the owning session's id,
    /// <paramref name="rowSql"/> the row (read after the lock is held, so it is current). Returns
    /// null when the row or its session does not exist.
    /// </summary>
    internal static async Task<(SessionTransaction Tx, T Row)?> BeginForRowAsync<T>(
        NpgsqlDataSource dataSource, SessionEventNotifier notifier, string sessionOfRowSql, string rowSql, object parameters, CancellationToken ct) =>
        await BeginCoreAsync<T>(dataSource, notifier, $"({sessionOfRowSql})", rowSql, parameters, ct) is { Row: { } row } begun ? (begun.Tx, row) : null;

    /// <summary>
    /// Locks the session whose id <paramref name="sessionId"/> (an SQL expression) yields, and runs
    /// <paramref name="rowSql"/> after it in the same round trip. Null when there is no such session,
    /// or when a row was asked for and there is none; the connection is released then.
    /// </summary>
    private static async Task<(SessionTransaction Tx, T? Row)?> BeginCoreAsync<T>(
        NpgsqlDataSource dataSource, SessionEventNotifier notifier, string sessionId, string? rowSql, object parameters, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        NpgsqlTransaction? transaction = null;
        try
        {
            transaction = await connection.BeginTransactionAsync(ct);
            var sql = $"""
                select id, status, max_participants, last_seq, clock_timestamp() as now
                from sessions where id = {sessionId}
                for update
                """ + (rowSql is null ? "" : $";\n{rowSql}");
            LockedSession? session;
            T? row = default;
            await using (var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: ct)))
            {
                session = await grid.ReadSingleOrDefaultAsync<LockedSession>();
                if (rowSql is not null) row = await grid.ReadSingleOrDefaultAsync<T>();
            }
            if (session is not null && (rowSql is null || row is not null)) return (new SessionTransaction(connection, transaction, session, notifier), row);

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

    /// <summary>
    /// Queues a write that nothing in this unit of work reads back: it is sent with the commit, in
    /// the same round trip as the event append, in the order deferred. Parameter names must be
    /// unique across the deferred statements of one unit of work (a clash throws, it never
    /// silently overwrites).
    /// </summary>
    public void Defer(string sql, IReadOnlyDictionary<string, object?> parameters) => _deferred.Add((sql, parameters));

    /// <summary>Commits the change with its events, then tells every observer about them; returns the events (stamped with their commit time).</summary>
    public async Task<IReadOnlyList<SessionEvent>> CommitAsync(CancellationToken ct)
    {
        var statements = new List<(string Sql, IReadOnlyDictionary<string, object?> Parameters)>(_deferred);
        if (_events.Count > 0)
        {
            statements.Add(("update sessions set last_seq = @ev_last_seq, last_event_at = @ev_now where id = @ev_session",
                new Dictionary<string, object?> { ["ev_last_seq"] = _events[^1].Seq, ["ev_now"] = Now, ["ev_session"] = Session.Id }));
            statements.Add(EventLog.Append(_events));
        }
        if (statements.Count > 0) await ExecuteTogetherAsync(statements, ct);

        await Transaction.CommitAsync(ct);
        return _notifier.Notify(_events);
    }

    /// <summary>Sends statements as one multi-statement command: one round trip for all of them.</summary>
    private Task ExecuteTogetherAsync(List<(string Sql, IReadOnlyDictionary<string, object?> Parameters)> statements, CancellationToken ct)
    {
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (_, values) in statements)
            foreach (var (name, value) in values)
                if (!parameters.TryAdd(name, value))
                    throw new InvalidOperationException($"Parameter @{name} is used by two statements of one unit of work.");
        var sql = string.Join(";\n", statements.Select(s => s.Sql));
        return Connection.ExecuteAsync(Command(sql, new DynamicParameters(parameters), ct));
    }

    /// <summary>
    /// Ends the unit: an uncommitted transaction is rolled back by Npgsql's own dispose, which
    /// skips the rollback on a connection that broke. An explicit RollbackAsync here threw
    /// (ObjectDisposedException) on a dropped connection and replaced the database error that
    /// brought the caller here, so logs and the outage classification saw the wrong exception.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
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
    /// <summary>The statement appending events (one session's, in seq order) to the log.</summary>
    public static (string Sql, IReadOnlyDictionary<string, object?> Parameters) Append(IReadOnlyList<SessionEvent> events) => ("""
        insert into session_events (session_id, seq, type, at, data)
        select @ev_session_id, e.seq, e.type, @ev_at, e.data::jsonb
        from unnest(@ev_seqs, @ev_types, @ev_datas) as e(seq, type, data)
        """, new Dictionary<string, object?>
    {
        ["ev_session_id"] = events[0].SessionId,
        ["ev_at"] = events[0].At,
        ["ev_seqs"] = events.Select(e => e.Seq).ToArray(),
        ["ev_types"] = events.Select(e => e.Type).ToArray(),
        ["ev_datas"] = events.Select(e => e.Data.GetRawText()).ToArray(),
    });
}
