using System.Data;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace Conflicto.Data.Events;

/// <summary>Reads sessions' event logs.</summary>
public sealed class EventStore(NpgsqlDataSource dataSource)
{
    /// <summary>Events after <paramref name="afterSeq"/>, oldest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<SessionEvent>> ListAfterAsync(int sessionId, long afterSeq, int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await ListAsync(connection, null, sessionId, afterSeq, afterSeq + limit, ct);
    }

    /// <summary>
    /// Events with <paramref name="afterSeq"/> &lt; seq ≤ <paramref name="throughSeq"/>, oldest first,
    /// read <paramref name="pageSize"/> at a time (seq has no gaps, so a page is a seq range): a
    /// long log streams through without being held in memory, and no connection is held while the
    /// caller writes a page out to a slow reader.
    /// </summary>
    public async IAsyncEnumerable<SessionEvent> ReadAsync(
        int sessionId, long afterSeq, long throughSeq, int pageSize, [EnumeratorCancellation] CancellationToken ct)
    {
        for (var from = afterSeq; from < throughSeq;)
        {
            IReadOnlyList<SessionEvent> page;
            await using (var connection = await dataSource.OpenConnectionAsync(ct))
                page = await ListAsync(connection, null, sessionId, from, Math.Min(throughSeq, from + pageSize), ct);
            if (page.Count == 0) yield break;
            foreach (var e in page) yield return e;
            from = page[^1].Seq;
        }
    }

    /// <summary>When the session's first event happened (its creation); null when it has none.</summary>
    public async Task<DateTime?> FirstAtAsync(int sessionId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
            "select at from session_events where session_id = @sessionId order by seq limit 1", new { sessionId }, cancellationToken: ct));
    }

    /// <summary>The last seq of each of the given sessions (missing ones are left out).</summary>
    public async Task<IReadOnlyDictionary<int, long>> LastSeqsAsync(IReadOnlyCollection<int> sessionIds, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(int Id, long LastSeq)>(new CommandDefinition(
            "select id, last_seq from sessions where id = any(@ids)", new { ids = sessionIds.ToArray() }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Id, r => r.LastSeq);
    }

    /// <summary>Events with afterSeq &lt; seq ≤ throughSeq, oldest first.</summary>
    internal static async Task<IReadOnlyList<SessionEvent>> ListAsync(
        NpgsqlConnection connection, IDbTransaction? transaction, int sessionId, long afterSeq, long throughSeq, CancellationToken ct)
    {
        const string sql = """
            select session_id, seq, type, at, data
            from session_events
            where session_id = @sessionId and seq > @afterSeq and seq <= @throughSeq
            order by seq
            """;
        var rows = await connection.QueryAsync<EventRow>(new CommandDefinition(sql, new { sessionId, afterSeq, throughSeq }, transaction, cancellationToken: ct));
        return rows.Select(r => r.ToEvent()).ToList();
    }

    internal sealed record EventRow
    {
        public int SessionId { get; init; }
        public long Seq { get; init; }
        public string Type { get; init; } = "";
        public DateTime At { get; init; }
        public JsonElement Data { get; init; }

        public SessionEvent ToEvent() => new(SessionId, Seq, Type, At, Data);
    }
}
