using Conflicto.Data.Webhooks;
using Conflicto.Server.Webhooks;
using Conflicto.Tests.Integration.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Conflicto.Tests.Integration.Webhooks.WebhookTesting;

namespace Conflicto.Tests.Integration.Webhooks;

/// <summary>An endpoint from configuration (Webhooks:Endpoints:0) receives every session's events, each session's in order.</summary>
public sealed class GlobalWebhookTests(GlobalWebhookApiFactory factory) : IClassFixture<GlobalWebhookApiFactory>
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task TheGlobalEndpoint_ReceivesTheEventsOfTwoSessions_SignedAndInOrder()
    {
        var receiver = GlobalWebhookApiFactory.Receiver;
        var first = await _api.CreateSessionAsync("Global one");
        var second = await _api.CreateSessionAsync("Global two");
        await SomeEventsAsync(_api, first);
        await SomeEventsAsync(_api, second, "Bob");
        var lastSeqs = new Dictionary<int, long>();
        foreach (var s in new[] { first, second })
            lastSeqs[s.Id] = (await _api.GetJsonAsync($"/api/v1/sessions/{s.Id}/events", adminCode: s.AdminCode))["last_seq"]!.GetValue<long>();

        await receiver.WaitForAsync(all => lastSeqs.All(kv => all.Any(d => d.Json["session_id"]!.GetValue<int>() == kv.Key && d.Seq == kv.Value)),
            "both sessions' last events");
        foreach (var s in new[] { first, second })
        {
            var seqs = receiver.Acknowledged.Where(d => d.Json["session_id"]!.GetValue<int>() == s.Id).Select(d => d.Seq).ToList();
            Assert.Equal(Enumerable.Range(1, (int)lastSeqs[s.Id]).Select(i => (long)i), seqs);
        }
        Assert.All(receiver.Acknowledged, d => Assert.True(ReceiverVerifier.Verify(GlobalWebhookApiFactory.Secret, d)));
    }

    [Fact]
    public async Task ADisabledGlobalEndpoint_IsEnabledAgainByStartUp_WithItsCursorsKept()
    {
        var session = await _api.CreateSessionAsync("Global restart");
        await SomeEventsAsync(_api, session);
        var last = (await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/events", adminCode: session.AdminCode))["last_seq"]!.GetValue<long>();
        await GlobalWebhookApiFactory.Receiver.WaitForAsync(all => all.Any(d => d.Json["session_id"]!.GetValue<int>() == session.Id && d.Seq == last), "the session's last event");
        var id = GlobalWebhooks.IdOf(0, GlobalWebhookApiFactory.Receiver.Url("/global"));
        await using var db = new NpgsqlConnection(factory.ConnectionString);
        const string Cursor = "select last_acked_seq from webhook_streams where webhook_id = @id and session_id = @session";
        await Processing.ProcessingTesting.WaitUntilAsync(async () => await db.QuerySingleAsync<long>(Cursor, new { id, session = session.Id }) == last,
            "the endpoint's cursor to reach the session's last event"); // the receiver answers before the cursor moves
        await db.ExecuteAsync("update webhooks set status = 'disabled', disabled_reason = 'test', consecutive_failures = 20 where id = @id", new { id });

        // What a node does at start-up.
        await factory.Services.GetRequiredService<GlobalWebhooks>().SyncAsync(factory.Services.GetRequiredService<WebhookStore>(), CancellationToken.None);

        var row = await db.QuerySingleAsync<(string Status, string? Reason, int Failures)>(
            "select status, disabled_reason, consecutive_failures from webhooks where id = @id", new { id });
        Assert.Equal(("active", null, 0), row);
        Assert.Equal(last, await db.QuerySingleAsync<long>(Cursor, new { id, session = session.Id }));
    }
}
