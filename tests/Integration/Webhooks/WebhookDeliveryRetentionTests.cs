using Conflicto.Server.Webhooks;
using Conflicto.Tests.Integration.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using static Conflicto.Tests.Integration.Webhooks.WebhookTesting;

namespace Conflicto.Tests.Integration.Webhooks;

/// <summary>
/// Retention of the delivery log (<see cref="WebhookDeliveryRetention"/>) against real Postgres, on a
/// node that does not deliver (so nothing but the test writes the log), with the clock held still.
/// </summary>
public sealed class WebhookDeliveryRetentionTests(IdleWebhookApiFactory factory) : IClassFixture<IdleWebhookApiFactory>
{
    private static readonly DateTime Now = new(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task Retention_DeletesOldDeliveredAndFailedRows_InBatches_AndKeepsRecentAndPendingOnes()
    {
        var session = await _api.CreateSessionAsync("Retention");
        var hook = await RegisterAsync(_api, session, "https://203.0.113.41/hook");
        var old = WebhookDeliveryRetention.BatchSize * 2 + 500; // more than one delete batch
        await using (var connection = new NpgsqlConnection(factory.ConnectionString))
        {
            await connection.ExecuteAsync("""
                insert into webhook_deliveries (webhook_id, session_id, seq, event_type, status, attempts, first_attempt_at, last_attempt_at, delivered_at)
                select @webhook, @session, g, 'response.added', 'delivered', 1, t, t, t
                from generate_series(1, @old) g, lateral (select @now - interval '15 days' - g * interval '1 second' as t) x;
                insert into webhook_deliveries (webhook_id, session_id, seq, event_type, status, attempts, first_attempt_at, last_attempt_at, delivered_at) values
                    -- older than the 14 days: deleted
                    (@webhook, @session, 10001, 'response.added', 'failed', 3, @now - interval '40 days', @now - interval '30 days', null),
                    (@webhook, @session, null, 'webhook.ping', 'failed', 1, @now - interval '20 days', @now - interval '20 days', null),
                    -- the newest timestamp counts: first attempted long ago, last attempted 13 days ago
                    (@webhook, @session, 10002, 'response.added', 'delivered', 4, @now - interval '30 days', @now - interval '13 days', @now - interval '13 days'),
                    (@webhook, @session, 10003, 'response.added', 'delivered', 1, @now - interval '14 days' + interval '1 minute', @now - interval '14 days' + interval '1 minute', @now - interval '14 days' + interval '1 minute'),
                    -- pending: a stream's live retry state, kept whatever its age
                    (@webhook, @session, 10004, 'response.added', 'pending', 9, @now - interval '400 days', @now - interval '300 days', null),
                    (@webhook, @session, null, 'webhook.ping', 'pending', 0, null, null, null)
                """, new { webhook = hook.Id, session = session.Id, old, now = Now });
        }
        var retention = ActivatorUtilities.CreateInstance<WebhookDeliveryRetention>(factory.Services, new StillClock(Now));

        var deleted = await retention.DeleteExpiredAsync(CancellationToken.None);

        Assert.Equal(old + 2, deleted); // the default DeliveryRetentionDays is 14
        var log = await DeliveriesAsync(_api, session, hook.Id, "?limit=100");
        Assert.Equal(
            ["pending ", "pending 10004", "delivered 10003", "delivered 10002"],
            log.Select(d => $"{d!["status"]!.GetValue<string>()} {d["seq"]?.GetValue<long>()}"));
        Assert.Equal(0, await retention.DeleteExpiredAsync(CancellationToken.None));
    }

    [Fact]
    public void Retention_DoesNotRun_OnANodeThatDoesNotDeliver()
    {
        var retention = factory.Services.GetServices<IHostedService>().OfType<WebhookDeliveryRetention>().Single();

        Assert.True(retention.ExecuteTask is { IsCompleted: true }, "the retention loop runs although Webhooks:Enabled is false");
    }

    private sealed class StillClock(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
