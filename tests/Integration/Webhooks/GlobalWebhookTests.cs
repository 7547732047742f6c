using Conflicto.Tests.Integration.Infrastructure;
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
}
