using Dapper;
using Npgsql;

namespace Conflicto.Data.Webhooks;

/// <summary>The outcome of <see cref="WebhookStore.TryCreateAsync"/>.</summary>
public enum WebhookCreateStatus { Created, SessionNotFound, LimitReached }

/// <summary>Table <c>webhooks</c>: the endpoints hosts register on their sessions, and the global ones from configuration.</summary>
public sealed class WebhookStore(NpgsqlDataSource dataSource)
{
    /// <summary>A session endpoint's columns with its stream's cursor and the session's last seq (the secret only for its hint; the previous one not at all).</summary>
    private const string ViewSql = """
        select w.id, w.session_id, w.url, w.events, w.description, w.scope, w.status, w.disabled_reason,
               w.consecutive_failures, w.created_at, w.last_delivery_at, w.secret,
               coalesce(ws.last_acked_seq, 0) as last_acked_seq, s.last_seq as latest_seq
        from webhooks w
        join sessions s on s.id = w.session_id
        left join webhook_streams ws on ws.webhook_id = w.id and ws.session_id = w.session_id
        """;

    /// <summary>
    /// Adds a session's endpoint, with its stream starting after the session's current last seq
    /// (it receives what happens from now on), unless the session already has <paramref name="max"/>.
    /// The session row is locked for the count, so two registrations cannot both take the last place.
    /// </summary>
    public async Task<(WebhookCreateStatus Status, WebhookRow? Row)> TryCreateAsync(WebhookRow row, int max, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var lastSeq = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "select last_seq from sessions where id = @SessionId for no key update", row, transaction, cancellationToken: ct));
        if (lastSeq is null) return (WebhookCreateStatus.SessionNotFound, null);
        var count = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "select count(*) from webhooks where session_id = @SessionId", row, transaction, cancellationToken: ct));
        if (count >= max) return (WebhookCreateStatus.LimitReached, null);
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into webhooks (id, session_id, url, events, description, scope, secret)
            values (@Id, @SessionId, @Url, @Events, @Description, @Scope, @Secret);
            insert into webhook_streams (webhook_id, session_id, last_acked_seq) values (@Id, @SessionId, @lastSeq)
            """, new { row.Id, row.SessionId, row.Url, row.Events, row.Description, row.Scope, row.Secret, lastSeq }, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return (WebhookCreateStatus.Created, await GetAsync(row.SessionId!.Value, row.Id, ct));
    }

    public async Task<IReadOnlyList<WebhookRow>> ListAsync(int sessionId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<WebhookRow>(new CommandDefinition(
            ViewSql + " where w.session_id = @sessionId order by w.created_at, w.id", new { sessionId }, cancellationToken: ct))).AsList();
    }

    public async Task<WebhookRow?> GetAsync(int sessionId, Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<WebhookRow>(new CommandDefinition(
            ViewSql + " where w.session_id = @sessionId and w.id = @id", new { sessionId, id }, cancellationToken: ct));
    }

    /// <summary>Everything the dispatcher needs to deliver: the row with its secrets (session or global endpoint).</summary>
    public async Task<WebhookRow?> GetForDeliveryAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<WebhookRow>(new CommandDefinition(
            "select * from webhooks where id = @id", new { id }, cancellationToken: ct));
    }

    public async Task<bool> DeleteAsync(int sessionId, Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "delete from webhooks where id = @id and session_id = @sessionId", new { id, sessionId }, cancellationToken: ct)) > 0;
    }

    /// <summary>Replaces the secret; the old one keeps signing beside it for <paramref name="graceSeconds"/>. Null when there is no such endpoint.</summary>
    public async Task<DateTime?> RotateSecretAsync(int sessionId, Guid id, string secret, double graceSeconds, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition("""
            update webhooks set previous_secret = secret, secret = @secret,
                previous_secret_expires_at = now() + make_interval(secs => @graceSeconds)
            where id = @id and session_id = @sessionId
            returning previous_secret_expires_at
            """, new { id, sessionId, secret, graceSeconds }, cancellationToken: ct));
    }

    /// <summary>
    /// Enables (failure count reset, waiting retries due at once: delivery resumes after
    /// last_acked_seq) or disables a session's endpoint by hand. False when there is no such endpoint.
    /// </summary>
    public async Task<bool> SetEnabledAsync(int sessionId, Guid id, bool enabled, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var sql = enabled
            ? """
              update webhooks set status = 'active', disabled_reason = null, consecutive_failures = 0 where id = @id and session_id = @sessionId;
              update webhook_streams set next_attempt_at = null where webhook_id = @id
              """
            : "update webhooks set status = 'disabled', disabled_reason = 'disabled by the host' where id = @id and session_id = @sessionId";
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { id, sessionId }, cancellationToken: ct)) > 0;
    }

    /// <summary>
    /// Makes table <c>webhooks</c> hold exactly the given global endpoints (by id): new ones are
    /// added, changed ones updated and enabled again (a restart re-enables a global endpoint that was
    /// disabled), ones no longer configured deleted with their streams and log.
    /// </summary>
    public async Task SyncGlobalAsync(IReadOnlyList<WebhookRow> rows, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var ids = rows.Select(r => r.Id).ToArray();
        await connection.ExecuteAsync(new CommandDefinition(
            "delete from webhooks where session_id is null and id <> all(@ids)", new { ids }, transaction, cancellationToken: ct));
        foreach (var row in rows)
            await connection.ExecuteAsync(new CommandDefinition("""
                insert into webhooks (id, session_id, url, events, description, scope, secret)
                values (@Id, null, @Url, @Events, @Description, @Scope, @Secret)
                on conflict (id) do update set url = excluded.url, events = excluded.events, description = excluded.description,
                    scope = excluded.scope, secret = excluded.secret, status = 'active', disabled_reason = null, consecutive_failures = 0
                """, row, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
    }
}
