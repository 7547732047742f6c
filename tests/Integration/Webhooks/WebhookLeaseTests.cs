using Conflicto.Data.Webhooks;
using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Conflicto.Tests.Integration.Webhooks.WebhookTesting;

namespace Conflicto.Tests.Integration.Webhooks;

/// <summary>The outbox's leases: one node delivers a stream at a time; a node that lost its lease changes nothing.</summary>
public sealed class WebhookLeaseTests(IdleWebhookApiFactory factory) : IClassFixture<IdleWebhookApiFactory>
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task AStream_IsClaimedByOneNodeAtATime_AndAnExpiredLeaseFencesItsHolder()
    {
        var outbox = factory.Services.GetRequiredService<WebhookOutbox>();
        var session = await _api.CreateSessionAsync("Leases");
        var hook = await RegisterAsync(_api, session, "https://203.0.113.40/hook");
        await SomeEventsAsync(_api, session);
        var start = hook.Created["last_acked_seq"]!.GetValue<long>();

        var a = Assert.Single(await outbox.ClaimAsync("node-a", 10, 60, default), l => l.WebhookId == hook.Id);
        Assert.Equal(start, a.LastAckedSeq);
        Assert.DoesNotContain(await outbox.ClaimAsync("node-b", 10, 60, default), l => l.WebhookId == hook.Id);
        // node-b does not hold it: its writes change nothing.
        Assert.Null(await outbox.RecordAttemptAsync(a, "node-b", start + 1, "x", new AttemptOutcome(true, 200, null, 1), 60, default));
        Assert.False(await outbox.AdvanceAsync(a, "node-b", start + 1, 60, default));
        Assert.Equal(start, (await GetAsync(_api, session, hook.Id))["last_acked_seq"]!.GetValue<long>());

        // node-a acknowledges one event, then releases: node-b resumes after it.
        Assert.Equal((1, 0), await outbox.RecordAttemptAsync(a, "node-a", start + 1, "participant.joined", new AttemptOutcome(true, 200, null, 1), 60, default));
        await outbox.ReleaseAsync(a, "node-a", default);
        var b = Assert.Single(await outbox.ClaimAsync("node-b", 10, 0.2, default), l => l.WebhookId == hook.Id);
        Assert.Equal(start + 1, b.LastAckedSeq);

        // node-b's short lease runs out: node-c takes over, and node-b is fenced.
        await WebhookReceiver.WaitForAsync(async () => (await outbox.ClaimAsync("node-c", 10, 60, default)).Any(l => l.WebhookId == hook.Id), "node-b's lease to expire");
        Assert.False(await outbox.AdvanceAsync(b, "node-b", start + 2, 60, default));
        Assert.Equal(start + 1, (await GetAsync(_api, session, hook.Id))["last_acked_seq"]!.GetValue<long>());
    }
}
