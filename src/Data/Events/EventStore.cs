using Dapper;
using Npgsql;

namespace Conflicto.Data.Events;

/// <summary>Reads a session's event log.</summary>
public sealed class EventStore(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<SessionEvent>> ListAfterAsync(int sessionId, long afterSeq, int limit, CancellationToken ct)
    {
        const string sql = """
            select session_id, seq, type, at, data
            from session_events
            where session_id = @sessionId and seq > @afterSeq
            order by seq
            limit @limit
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<EventRow>(new CommandDefinition(sql, new { sessionId, afterSeq, limit }, cancellationToken: ct));
        return rows.Select(r => new SessionEvent(r.SessionId, r.Seq, r.Type, r.At, r.Data)).ToList();
    }

    private sealed record EventRow
    {
        public int SessionId { get; init; }
        public long Seq { get; init; }
        public string Type { get; init; } = "";
        public DateTime At { get; init; }
        public System.Text.Json.JsonElement Data { get; init; }
    }
}
