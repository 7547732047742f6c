using System.Data;
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
