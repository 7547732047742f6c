using Conflicto.Server.Webhooks;
using Conflicto.Tests.Integration.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Conflicto.Tests.Integration.Webhooks.WebhookTesting;

namespace Conflicto.Tests.Integration.Webhooks;

/// <summary>Retention against a delivering node and a real receiver: the log's old rows go, and nothing is sent twice because of it.</summary>
public sealed class WebhookRetentionRedeliveryTests(WebhookApiFactory factory) : IClassFixture<WebhookApiFactory>
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task Retention_OfDeliveredRows_SendsNothingAgain_AndDeliveryGoesOnAfterTheCursor()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var session = await _api.CreateSessionAsync("Retention and delivery");
        var hook = await RegisterAsync(_api, session, receiver.Url());
        await SomeEventsAsync(_api, session);
        await WaitCaughtUpAsync(_api, session, hook.Id);
        var before = (await DeliveriesAsync(_api, session, hook.Id, "?limit=100")).Count;
        Assert.True(before > 0);
        await using (var connection = new NpgsqlConnection(factory.ConnectionString))
            await connection.ExecuteAsync("""
                update webhook_deliveries set first_attempt_at = first_attempt_at - interval '30 days',
                    last_attempt_at = last_attempt_at - interval '30 days', delivered_at = delivered_at - interval '30 days'
                where webhook_id = @id
                """, new { id = hook.Id });

        var deleted = await factory.Services.GetRequiredService<WebhookDeliveryRetention>().DeleteExpiredAsync(CancellationToken.None);

        Assert.Equal(before, deleted);
        Assert.Empty(await DeliveriesAsync(_api, session, hook.Id));
        await SomeEventsAsync(_api, session, "Grace");
        await WaitCaughtUpAsync(_api, session, hook.Id);
        var latest = (await GetAsync(_api, session, hook.Id))["latest_seq"]!.GetValue<long>();
        var first = hook.Created["last_acked_seq"]!.GetValue<long>();
        // Every event once, in order: the deleted rows' events were not sent again.
        Assert.Equal(Enumerable.Range((int)first + 1, (int)(latest - first)).Select(i => (long)i), receiver.Acknowledged.Select(d => d.Seq));
        var log = await DeliveriesAsync(_api, session, hook.Id, "?limit=100");
        Assert.Equal(receiver.Acknowledged.Count - before, log.Count);
        Assert.All(log, d => Assert.Equal("delivered", d!["status"]!.GetValue<string>()));
    }
}
