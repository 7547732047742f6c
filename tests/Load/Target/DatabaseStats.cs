using Npgsql;

namespace Conflicto.Load.Target;

/// <summary>
/// Database load of one run, read from <c>pg_stat_database</c> for the run's own database:
/// transactions (every statement outside an explicit transaction is one) and rows read.
/// PostgreSQL 15 backends publish their counters when they go idle, at most once a second and
/// at the latest after 10 s idle (PGSTAT_IDLE_INTERVAL), so a reading taken right after a
/// phase can miss its last second; <see cref="ReadSettledAsync"/> waits that out.
/// </summary>
public sealed record DatabaseLoad(long Transactions, long RowsRead, long RowsWritten)
{
    public static DatabaseLoad operator -(DatabaseLoad a, DatabaseLoad b) =>
        new(a.Transactions - b.Transactions, a.RowsRead - b.RowsRead, a.RowsWritten - b.RowsWritten);
}

public sealed class DatabaseStats(string connectionString, string database)
{
    /// <summary>How long until every idle backend has published its counters.</summary>
    public static readonly TimeSpan FlushDelay = TimeSpan.FromSeconds(11);

    public async Task<DatabaseLoad> ReadAsync(CancellationToken ct)
    {
        // Own connection, no pooling: our reading must not be counted in a pooled backend's totals.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var conn = new NpgsqlConnection(builder.ConnectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(
            "select xact_commit + xact_rollback, tup_returned + tup_fetched, tup_inserted + tup_updated + tup_deleted " +
            "from pg_stat_database where datname = $1", conn);
        cmd.Parameters.AddWithValue(database);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) throw new InvalidOperationException($"database {database} has no statistics row");
        return new DatabaseLoad(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>Reads after the flush delay, so the phase that just ended is fully counted.</summary>
    public async Task<DatabaseLoad> ReadSettledAsync(CancellationToken ct)
    {
        await Task.Delay(FlushDelay, ct);
        return await ReadAsync(ct);
    }
}
