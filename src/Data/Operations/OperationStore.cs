using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Conflicto.Data.Operations;

/// <summary>
/// The operation log (table <c>operations</c>): batches written by binary COPY, a session's
/// operations read newest first with filters, and retention's deletes.
/// </summary>
public sealed class OperationStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Every filter of <see cref="OperationQuery"/>; each is off when its parameter is null, so one
    /// statement (and one cached plan) serves every combination. The session's index keeps it a range scan.
    /// </summary>
    private const string Filter = """
        where session_id = @SessionId
          and (@Kind::text is null or kind = @Kind)
          and (@Name::text is null or name = @Name)
          and (@ActorRole::text is null or actor_role = @ActorRole)
          and (@ParticipantId::int is null or actor_id = @ParticipantId)
          and (@Outcome::text is null or outcome = @Outcome)
          and (@From::timestamptz is null or started_at >= @From)
          and (@To::timestamptz is null or started_at < @To)
          and (@MinDurationMs::float8 is null or duration_ms >= @MinDurationMs)
        """;

    /// <summary>
    /// Writes a batch in one binary COPY. Chosen over an <c>insert … select from unnest(…)</c>:
    /// COPY streams the rows as they are, with no parameter array to build per column and no
    /// statement to plan, which makes it the cheapest way into Postgres per row; the log needs
    /// none of what COPY lacks (no conflicts to resolve, nothing to return). A failure writes none of the batch.
    /// </summary>
    public async Task WriteAsync(IReadOnlyList<OperationRecord> batch, CancellationToken ct)
    {
        if (batch.Count == 0) return;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var import = await connection.BeginBinaryImportAsync("""
            copy operations (session_id, name, kind, actor_role, actor_id, started_at, ended_at, duration_ms, outcome, status_code, error_kind, request_id)
            from stdin (format binary)
            """, ct);
        foreach (var op in batch)
        {
            await import.StartRowAsync(ct);
            await WriteNullableAsync(import, op.SessionId, ct);
            await import.WriteAsync(op.Name, NpgsqlDbType.Text, ct);
            await import.WriteAsync(op.Kind, NpgsqlDbType.Text, ct);
            await import.WriteAsync(op.ActorRole, NpgsqlDbType.Text, ct);
            await WriteNullableAsync(import, op.ActorId, ct);
            await import.WriteAsync(op.StartedAt.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
            await import.WriteAsync(op.StartedAt.UtcDateTime.AddMilliseconds(op.DurationMs), NpgsqlDbType.TimestampTz, ct);
            await import.WriteAsync(op.DurationMs, NpgsqlDbType.Double, ct);
            await import.WriteAsync(op.Outcome, NpgsqlDbType.Text, ct);
            await import.WriteAsync(op.StatusCode, NpgsqlDbType.Integer, ct);
            await WriteNullableAsync(import, op.ErrorKind, ct);
            await WriteNullableAsync(import, op.RequestId, ct);
        }
        await import.CompleteAsync(ct);
    }

    /// <summary>A page of the session's operations, newest first, and how many match in all.</summary>
    public async Task<(IReadOnlyList<OperationRow> Rows, int Total)> ListAsync(OperationQuery query, int limit, int offset, CancellationToken ct)
    {
        var parameters = new DynamicParameters(query);
        parameters.Add("limit", limit);
        parameters.Add("offset", offset);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition($"""
            select count(*)::int from operations {Filter};
            select id, session_id, name, kind, actor_role, actor_id, started_at, ended_at, duration_ms, outcome, status_code, error_kind, request_id
            from operations {Filter}
            order by started_at desc, id desc
            limit @limit offset @offset
            """, parameters, cancellationToken: ct));
        var total = await grid.ReadSingleAsync<int>();
        var rows = (await grid.ReadAsync<OperationRow>()).ToList();
        return (rows, total);
    }

    /// <summary>Per operation name, over every operation the query matches: count, median, 95th percentile and longest time.</summary>
    public async Task<IReadOnlyList<OperationStats>> SummaryAsync(OperationQuery query, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<OperationStats>(new CommandDefinition($"""
            select name, count(*)::int as count,
                   percentile_cont(0.5) within group (order by duration_ms) as p50_ms,
                   percentile_cont(0.95) within group (order by duration_ms) as p95_ms,
                   max(duration_ms) as max_ms
            from operations {Filter}
            group by name
            order by count(*) desc, name
            """, query, cancellationToken: ct));
        return rows.ToList();
    }

    /// <summary>
    /// Deletes up to <paramref name="batch"/> of the oldest operations that started before
    /// <paramref name="cutoff"/>; returns how many. Small batches keep each delete's locks and WAL
    /// short, so retention never stalls the writer or a host's read.
    /// </summary>
    public async Task<int> DeleteStartedBeforeAsync(DateTime cutoff, int batch, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition("""
            delete from operations
            where id in (select id from operations where started_at < @cutoff order by started_at limit @batch)
            """, new { cutoff, batch }, cancellationToken: ct));
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter import, T? value, CancellationToken ct) where T : struct =>
        value is { } v ? import.WriteAsync(v, ct) : import.WriteNullAsync(ct);

    private static Task WriteNullableAsync(NpgsqlBinaryImporter import, string? value, CancellationToken ct) =>
        value is not null ? import.WriteAsync(value, NpgsqlDbType.Text, ct) : import.WriteNullAsync(ct);
}
