using Dapper;
using Npgsql;

namespace Conflicto.Data.Webhooks;

/// <summary>
/// The durable outbox of webhook deliveries. The session event log is its source (written in the
/// same transaction as every change, gap-free seq); each stream (endpoint × session) has a cursor,
/// <c>last_acked_seq</c>, and a lease so that exactly one node delivers it at a time. Every write
/// about a stream is fenced by the lease: a node that lost it (it stalled past <c>lease_until</c>
/// and another node claimed the stream) changes nothing.
/// </summary>
public sealed class WebhookOutbox(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Claims up to <paramref name="limit"/> streams that have something to deliver (an active
    /// endpoint, events after the cursor, no retry waiting, no live lease), oldest retry first.
    /// </summary>
    public async Task<IReadOnlyList<StreamLease>> ClaimAsync(string owner, int limit, double leaseSeconds, CancellationToken ct)
    {
        const string sql = """
            with due as (
                select ws.webhook_id, ws.session_id
                from webhook_streams ws
                join webhooks w on w.id = ws.webhook_id
                join sessions s on s.id = ws.session_id
                where w.status = 'active'
                  and s.last_seq > ws.last_acked_seq
                  and (ws.next_attempt_at is null or ws.next_attempt_at <= now())
                  and (ws.lease_until is null or ws.lease_until < now())
                order by ws.next_attempt_at nulls first
                limit @limit
                for update of ws skip locked
            )
            update webhook_streams ws set lease_owner = @owner, lease_until = now() + make_interval(secs => @leaseSeconds)
            from due where ws.webhook_id = due.webhook_id and ws.session_id = due.session_id
            returning ws.webhook_id, ws.session_id, ws.last_acked_seq
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(Guid WebhookId, int SessionId, long LastAckedSeq)>(
            new CommandDefinition(sql, new { owner, limit, leaseSeconds }, cancellationToken: ct));
        return rows.Select(r => new StreamLease(r.WebhookId, r.SessionId, r.LastAckedSeq)).ToList();
    }

    /// <summary>
    /// Gives global endpoints a stream for every session that had events since the endpoint was
    /// configured: it starts after the last event before that, so history is not replayed.
    /// </summary>
    public async Task<int> OpenGlobalStreamsAsync(CancellationToken ct)
    {
        const string sql = """
            insert into webhook_streams (webhook_id, session_id, last_acked_seq)
            select w.id, s.id, coalesce((select max(e.seq) from session_events e where e.session_id = s.id and e.at < w.created_at), 0)
            from webhooks w
            join sessions s on s.last_event_at >= w.created_at
            where w.session_id is null and w.status = 'active'
              and not exists (select 1 from webhook_streams ws where ws.webhook_id = w.id and ws.session_id = s.id)
            on conflict do nothing
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(sql, cancellationToken: ct));
    }

    /// <summary>
    /// Moves the cursor to <paramref name="seq"/> (events up to it not subscribed to) and renews the
    /// lease. False when the lease was lost or the endpoint is no longer active: stop delivering.
    /// </summary>
    public async Task<bool> AdvanceAsync(StreamLease lease, string owner, long seq, double leaseSeconds, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition("""
            update webhook_streams ws set last_acked_seq = greatest(ws.last_acked_seq, @seq), next_attempt_at = null,
                lease_until = now() + make_interval(secs => @leaseSeconds)
            where ws.webhook_id = @WebhookId and ws.session_id = @SessionId and ws.lease_owner = @owner
              and exists (select 1 from webhooks w where w.id = ws.webhook_id and w.status = 'active')
            """, new { lease.WebhookId, lease.SessionId, owner, seq, leaseSeconds }, cancellationToken: ct)) > 0;
    }

    /// <summary>
    /// Records an attempt at <paramref name="seq"/> in the delivery log. Delivered: the cursor moves
    /// to it, the endpoint's failure count is reset. Failed: the endpoint's failure count grows.
    /// Returns the event's attempts so far and the endpoint's consecutive failures, or null when
    /// the lease was lost or the endpoint was disabled meanwhile (nothing is written then: the
    /// event is sent again once enabled, which at-least-once allows).
    /// </summary>
    public async Task<(int Attempts, int ConsecutiveFailures)?> RecordAttemptAsync(
        StreamLease lease, string owner, long seq, string eventType, AttemptOutcome outcome, double leaseSeconds, CancellationToken ct)
    {
        const string sql = """
            with held as (
                update webhook_streams ws
                set last_acked_seq = case when @Delivered then greatest(ws.last_acked_seq, @seq) else ws.last_acked_seq end,
                    next_attempt_at = null, lease_until = now() + make_interval(secs => @leaseSeconds)
                where ws.webhook_id = @WebhookId and ws.session_id = @SessionId and ws.lease_owner = @owner
                  and exists (select 1 from webhooks w where w.id = ws.webhook_id and w.status = 'active')
                returning ws.webhook_id
            ), logged as (
                insert into webhook_deliveries (webhook_id, session_id, seq, event_type, status, attempts, last_status_code, last_error,
                    latency_ms, first_attempt_at, last_attempt_at, delivered_at)
                select @WebhookId, @SessionId, @seq, @eventType, case when @Delivered then 'delivered' else 'pending' end, 1,
                    @StatusCode, @Error, @LatencyMs, now(), now(), case when @Delivered then now() end
                from held
                on conflict (webhook_id, session_id, seq) where seq is not null do update set
                    status = excluded.status, attempts = webhook_deliveries.attempts + 1, last_status_code = excluded.last_status_code,
                    last_error = excluded.last_error, latency_ms = excluded.latency_ms, last_attempt_at = excluded.last_attempt_at,
                    next_attempt_at = null, delivered_at = excluded.delivered_at
                returning attempts
            ), counted as (
                update webhooks set
                    consecutive_failures = case when @Delivered then 0 else consecutive_failures + 1 end,
                    last_delivery_at = case when @Delivered then now() else last_delivery_at end
                where id = (select webhook_id from held)
                returning consecutive_failures
            )
            select (select attempts from logged) as attempts, (select consecutive_failures from counted) as failures
            where exists (select 1 from held)
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<AttemptCounts>(new CommandDefinition(sql, new
        {
            lease.WebhookId, lease.SessionId, owner, seq, eventType, outcome.Delivered, outcome.StatusCode,
            Error = Truncate(outcome.Error), outcome.LatencyMs, leaseSeconds,
        }, cancellationToken: ct));
        return row is { Attempts: { } attempts, Failures: { } failures } ? (attempts, failures) : null;
    }

    private sealed record AttemptCounts
    {
        public int? Attempts { get; init; }
        public int? Failures { get; init; }
    }

    /// <summary>Schedules the next attempt at <paramref name="seq"/> in <paramref name="delaySeconds"/> and releases the stream.</summary>
    public async Task ScheduleRetryAsync(StreamLease lease, string owner, long seq, double delaySeconds, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            update webhook_streams set next_attempt_at = now() + make_interval(secs => @delaySeconds), lease_owner = null, lease_until = null
            where webhook_id = @WebhookId and session_id = @SessionId and lease_owner = @owner;
            update webhook_deliveries set next_attempt_at = now() + make_interval(secs => @delaySeconds)
            where webhook_id = @WebhookId and session_id = @SessionId and seq = @seq
            """, new { lease.WebhookId, lease.SessionId, owner, seq, delaySeconds }, cancellationToken: ct));
    }

    /// <summary>Releases the lease (caught up, or stopped) so that any node may claim the stream when it has more.</summary>
    public async Task ReleaseAsync(StreamLease lease, string owner, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            update webhook_streams set lease_owner = null, lease_until = null
            where webhook_id = @WebhookId and session_id = @SessionId and lease_owner = @owner
            """, new { lease.WebhookId, lease.SessionId, owner }, cancellationToken: ct));
    }

    /// <summary>
    /// Disables an endpoint with a reason (repeated failures, 410 Gone); its waiting deliveries show
    /// as failed until it is enabled again. False when it was already disabled (or is gone).
    /// </summary>
    public async Task<bool> DisableAsync(Guid webhookId, string reason, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition("""
            update webhooks set status = 'disabled', disabled_reason = @reason where id = @webhookId and status = 'active';
            update webhook_deliveries set status = 'failed', next_attempt_at = null where webhook_id = @webhookId and status = 'pending';
            update webhook_streams set next_attempt_at = null where webhook_id = @webhookId
            """, new { webhookId, reason = Truncate(reason) }, cancellationToken: ct)) > 0;
    }

    /// <summary>A ping's row in the delivery log (seq null), pending until <see cref="CompletePingAsync"/>.</summary>
    public async Task<long> StartPingAsync(Guid webhookId, int sessionId, string eventType, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            insert into webhook_deliveries (webhook_id, session_id, seq, event_type, status, attempts)
            values (@webhookId, @sessionId, null, @eventType, 'pending', 0) returning id
            """, new { webhookId, sessionId, eventType }, cancellationToken: ct));
    }

    public async Task CompletePingAsync(long id, AttemptOutcome outcome, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            update webhook_deliveries set status = case when @Delivered then 'delivered' else 'failed' end, attempts = 1,
                last_status_code = @StatusCode, last_error = @Error, latency_ms = @LatencyMs, first_attempt_at = now(), last_attempt_at = now(),
                delivered_at = case when @Delivered then now() end
            where id = @id
            """, new { id, outcome.Delivered, outcome.StatusCode, Error = Truncate(outcome.Error), outcome.LatencyMs }, cancellationToken: ct));
    }

    /// <summary>The endpoint's delivery log, newest first, optionally of one status.</summary>
    public async Task<IReadOnlyList<DeliveryRow>> ListDeliveriesAsync(Guid webhookId, string? status, int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<DeliveryRow>(new CommandDefinition("""
            select * from webhook_deliveries
            where webhook_id = @webhookId and (@status::text is null or status = @status)
            order by id desc limit @limit
            """, new { webhookId, status, limit }, cancellationToken: ct))).AsList();
    }

    /// <summary>
    /// Deletes up to <paramref name="batch"/> delivery-log rows, oldest first, that are not pending
    /// and whose newest timestamp is before <paramref name="cutoff"/>; returns how many. A pending
    /// row is the live retry state of a stream and is never deleted. The outer where repeats the
    /// condition: a failed row picked by the subquery may meanwhile have been retried (its endpoint
    /// enabled again) and turned pending; the delete re-checks the row it locks, so it keeps that one.
    /// </summary>
    public async Task<int> DeleteDeliveriesBeforeAsync(DateTime cutoff, int batch, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition("""
            delete from webhook_deliveries
            where id in (
                    select id from webhook_deliveries
                    where status <> 'pending' and coalesce(last_attempt_at, first_attempt_at, delivered_at) < @cutoff
                    order by coalesce(last_attempt_at, first_attempt_at, delivered_at)
                    limit @batch)
              and status <> 'pending' and coalesce(last_attempt_at, first_attempt_at, delivered_at) < @cutoff
            """, new { cutoff, batch }, cancellationToken: ct));
    }

    private static string? Truncate(string? text) => text is { Length: > 500 } ? text[..500] : text;
}
