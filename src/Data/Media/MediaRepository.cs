using Dapper;
using Npgsql;

namespace Conflicto.Data.Media;

/// <summary>The outcome of <see cref="MediaRepository.TryAddAsync"/>.</summary>
public enum MediaAddStatus { Added, SessionNotFound, QuotaExceeded }

/// <summary>Table <c>media</c>: a session's uploaded images, added under its quota.</summary>
public sealed class MediaRepository(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, session_id, content_type, bytes, width, height, sha256, created_at";

    /// <summary>
    /// Adds <paramref name="row"/> unless the session would then hold more than <paramref name="maxCount"/>
    /// images or <paramref name="maxBytes"/> bytes. The session row is locked for the check, so two
    /// uploads at once cannot both take the last place. <paramref name="usage"/> is the usage before.
    /// </summary>
    public async Task<(MediaAddStatus Status, MediaUsage Usage)> TryAddAsync(MediaRow row, int maxCount, long maxBytes, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var found = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            "select id from sessions where id = @SessionId for no key update", row, transaction, cancellationToken: ct));
        if (found is null) return (MediaAddStatus.SessionNotFound, new MediaUsage(0, 0));
        var usage = await UsageAsync(connection, transaction, row.SessionId, ct);
        if (usage.Count + 1 > maxCount || usage.Bytes + row.Bytes > maxBytes) return (MediaAddStatus.QuotaExceeded, usage);
        await connection.ExecuteAsync(new CommandDefinition($"""
            insert into media (id, session_id, content_type, bytes, width, height, sha256)
            values (@Id, @SessionId, @ContentType, @Bytes, @Width, @Height, @Sha256)
            """, row, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return (MediaAddStatus.Added, usage);
    }

    public async Task<MediaRow?> GetAsync(string id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<MediaRow>(new CommandDefinition(
            $"select {Columns} from media where id = @id", new { id }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<MediaRow>> ListAsync(int sessionId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<MediaRow>(new CommandDefinition(
            $"select {Columns} from media where session_id = @sessionId order by created_at, id", new { sessionId }, cancellationToken: ct))).AsList();
    }

    public async Task<MediaUsage> UsageAsync(int sessionId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await UsageAsync(connection, null, sessionId, ct);
    }

    /// <summary>Deletes the session's image; false when it has no such image.</summary>
    public async Task<bool> DeleteAsync(int sessionId, string id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "delete from media where id = @id and session_id = @sessionId", new { id, sessionId }, cancellationToken: ct)) > 0;
    }

    /// <summary>Which of <paramref name="ids"/> have a media row (the others were deleted, with their session or alone).</summary>
    public async Task<IReadOnlySet<string>> ExistingAsync(IReadOnlyList<string> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return new HashSet<string>();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            "select id from media where id = any(@ids)", new { ids = ids.ToArray() }, cancellationToken: ct))).ToHashSet(StringComparer.Ordinal);
    }

    private static async Task<MediaUsage> UsageAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, int sessionId, CancellationToken ct)
    {
        var (count, bytes) = await connection.QuerySingleAsync<(long, long)>(new CommandDefinition(
            "select count(*), coalesce(sum(bytes), 0)::bigint from media where session_id = @sessionId", new { sessionId }, transaction, cancellationToken: ct));
        return new MediaUsage((int)count, bytes);
    }
}
