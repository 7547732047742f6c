using System.Net;
using Conflicto.Tests.Integration.Infrastructure;
using static Conflicto.Tests.Integration.Webhooks.WebhookTesting;

namespace Conflicto.Tests.Integration.Webhooks;

/// <summary>Deliveries to a real receiver on 127.0.0.1: in order, signed, across the receiver's outage, disabled and enabled again.</summary>
public sealed class WebhookDeliveryTests(WebhookApiFactory factory) : IClassFixture<WebhookApiFactory>
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task Events_ArriveInSeqOrder_SignedAndWithTheContractsHeaders()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var session = await _api.CreateSessionAsync("Ordered");
        var hook = await RegisterAsync(_api, session, receiver.Url());
        await SomeEventsAsync(_api, session);
        await SomeEventsAsync(_api, session, "Grace");
        await WaitCaughtUpAsync(_api, session, hook.Id);

        var got = receiver.Acknowledged;
        var latest = (await GetAsync(_api, session, hook.Id))["latest_seq"]!.GetValue<long>();
        var first = hook.Created["last_acked_seq"]!.GetValue<long>();
        Assert.Equal(Enumerable.Range((int)first + 1, (int)(latest - first)).Select(i => (long)i), got.Select(d => d.Seq));
        foreach (var d in got)
        {
            Assert.True(ReceiverVerifier.Verify(hook.Secret, d), $"seq {d.Seq}: the signature does not verify");
            Assert.Equal($"{hook.Id}:{d.Seq}", d.Header("Conflicto-Delivery-Id"));
            Assert.Equal($"{hook.Id}", d.Header("Conflicto-Webhook-Id"));
            Assert.Equal("Conflicto-Webhooks/1", d.Header("User-Agent"));
            Assert.StartsWith("application/json", d.Header("Content-Type"));
            Assert.Equal(d.Header("Conflicto-Event"), d.Json["type"]!.GetValue<string>());
            Assert.Equal(d.Seq, d.Json["seq"]!.GetValue<long>());
            Assert.Equal(session.Id, d.Json["session_id"]!.GetValue<int>());
            Assert.Equal($"{hook.Id}", d.Json["webhook_id"]!.GetValue<string>());
            Assert.NotNull(d.Json["data"]);
        }
        Assert.Contains(got, d => d.Header("Conflicto-Event") == "response.added");
        var log = await DeliveriesAsync(_api, session, hook.Id, "?status=delivered");
        Assert.Equal(got.Count, log.Count);
        Assert.Equal(latest, log[0]!["seq"]!.GetValue<long>()); // newest first
    }

    [Fact]
    public async Task OnlySubscribedTypes_AreSent_AndTheCursorStillAdvances()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var session = await _api.CreateSessionAsync("Filtered");
        var hook = await RegisterAsync(_api, session, receiver.Url(), events: new[] { "response.added" });
        await SomeEventsAsync(_api, session);
        await WaitCaughtUpAsync(_api, session, hook.Id);
        var d = Assert.Single(receiver.All);
        Assert.Equal("response.added", d.Header("Conflicto-Event"));
    }

    [Fact]
    public async Task AReceiverThatFailsForAWhile_GetsEverythingOnceBack_InOrder_WithRetriesCounted()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var failures = 0;
        receiver.Answer = () => Interlocked.Increment(ref failures) <= 4 ? 500 : 204;
        var session = await _api.CreateSessionAsync("Outage");
        var hook = await RegisterAsync(_api, session, receiver.Url());
        await SomeEventsAsync(_api, session);
        await WaitCaughtUpAsync(_api, session, hook.Id);

        Assert.Equal(4, receiver.All.Count(d => d.Answered == 500));
        var acked = receiver.Acknowledged.Select(d => d.Seq).ToList();
        Assert.Equal(acked.Order().Distinct(), acked); // in order, each once
        var start = hook.Created["last_acked_seq"]!.GetValue<long>();
        Assert.Equal(start + 1, acked[0]);
        Assert.All(receiver.All.Where(d => d.Answered == 500), d => Assert.Equal(start + 1, d.Seq)); // nothing after it before it
        var log = await DeliveriesAsync(_api, session, hook.Id);
        var retried = log.Single(e => e!["seq"]!.GetValue<long>() == start + 1)!;
        Assert.Equal(5, retried["attempts"]!.GetValue<int>());
        Assert.Equal("delivered", retried["status"]!.GetValue<string>());
        Assert.Equal(204, retried["last_status_code"]!.GetValue<int>());
        Assert.Equal(0, (await GetAsync(_api, session, hook.Id))["consecutive_failures"]!.GetValue<int>());
    }

    [Fact]
    public async Task AReceiverThatIsDown_GetsEverythingOnceItListensAgain_InOrder()
    {
        var port = WebhookReceiver.FreePort();
        var session = await _api.CreateSessionAsync("Down");
        var hook = await RegisterAsync(_api, session, $"http://127.0.0.1:{port}/hook");
        await SomeEventsAsync(_api, session);
        await WebhookReceiver.WaitForAsync(async () => (await DeliveriesAsync(_api, session, hook.Id, "?status=pending"))
            .Any(d => d!["attempts"]!.GetValue<int>() >= 2), "retries while the receiver is down");
        var pending = (await DeliveriesAsync(_api, session, hook.Id, "?status=pending"))[0]!;
        Assert.Null(pending["last_status_code"]);
        Assert.False(string.IsNullOrEmpty(pending["last_error"]!.GetValue<string>()));
        Assert.NotNull(pending["next_attempt_at"]);

        await using var receiver = await WebhookReceiver.StartAsync(port);
        await SomeEventsAsync(_api, session, "Back");
        await WaitCaughtUpAsync(_api, session, hook.Id);
        var start = hook.Created["last_acked_seq"]!.GetValue<long>();
        var latest = (await GetAsync(_api, session, hook.Id))["latest_seq"]!.GetValue<long>();
        Assert.Equal(Enumerable.Range((int)start + 1, (int)(latest - start)).Select(i => (long)i), receiver.Acknowledged.Select(d => d.Seq));
        var first = (await DeliveriesAsync(_api, session, hook.Id)).Single(d => d!["seq"]!.GetValue<long>() == start + 1)!;
        Assert.True(first["attempts"]!.GetValue<int>() >= 3, $"{first["attempts"]} attempts");
        Assert.Equal("delivered", first["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task RepeatedFailures_DisableTheEndpoint_AndEnablingCatchesUpFromLastAcked()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var down = true;
        receiver.Answer = () => Volatile.Read(ref down) ? 503 : 200;
        var session = await _api.CreateSessionAsync("Disabled");
        var hook = await RegisterAsync(_api, session, receiver.Url());
        await SomeEventsAsync(_api, session);
        await WebhookReceiver.WaitForAsync(async () => (await GetAsync(_api, session, hook.Id))["status"]!.GetValue<string>() == "disabled", "the endpoint to be disabled");

        var disabled = await GetAsync(_api, session, hook.Id);
        Assert.Contains("consecutive failed attempts", disabled["disabled_reason"]!.GetValue<string>());
        Assert.Equal(6, disabled["consecutive_failures"]!.GetValue<int>());
        Assert.Contains(await DeliveriesAsync(_api, session, hook.Id, "?status=failed"), d => d!["attempts"]!.GetValue<int>() >= 1);
        await SomeEventsAsync(_api, session, "Later"); // happens while disabled: kept for the catch-up
        var attemptsWhileDisabled = receiver.All.Count;

        Volatile.Write(ref down, false);
        var enabled = await Api.ReadAsync(await _api.SendAsync(HttpMethod.Post, $"/api/v1/sessions/{session.Id}/webhooks/{hook.Id}/enable",
            adminCode: session.AdminCode), HttpStatusCode.OK);
        Assert.Equal("active", enabled["status"]!.GetValue<string>());
        Assert.Equal(0, enabled["consecutive_failures"]!.GetValue<int>());
        await WaitCaughtUpAsync(_api, session, hook.Id);

        Assert.True(attemptsWhileDisabled >= 5, $"{attemptsWhileDisabled} requests before the endpoint was disabled"); // the circuit breaker may spare the last one
        var acked = receiver.Acknowledged.Select(d => d.Seq).ToList();
        var start = hook.Created["last_acked_seq"]!.GetValue<long>();
        var latest = (await GetAsync(_api, session, hook.Id))["latest_seq"]!.GetValue<long>();
        Assert.Equal(Enumerable.Range((int)start + 1, (int)(latest - start)).Select(i => (long)i), acked);
    }

    [Fact]
    public async Task A410Gone_DisablesAtOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = () => 410;
        var session = await _api.CreateSessionAsync("Gone");
        var hook = await RegisterAsync(_api, session, receiver.Url());
        await SomeEventsAsync(_api, session);
        await WebhookReceiver.WaitForAsync(async () => (await GetAsync(_api, session, hook.Id))["status"]!.GetValue<string>() == "disabled", "the endpoint to be disabled");
        Assert.Contains("410", (await GetAsync(_api, session, hook.Id))["disabled_reason"]!.GetValue<string>());
        Assert.Single(receiver.All);
    }

    [Fact]
    public async Task AReplayedOrTamperedDelivery_FailsTheReceiversVerification()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var session = await _api.CreateSessionAsync("Replay");
        var hook = await RegisterAsync(_api, session, receiver.Url());
        await SomeEventsAsync(_api, session);
        await WaitCaughtUpAsync(_api, session, hook.Id);
        var d = receiver.Acknowledged.First(x => x.Header("Conflicto-Event") == "response.added");

        Assert.True(ReceiverVerifier.Verify(hook.Secret, d));
        // Replayed ten minutes later: outside the 5-minute tolerance, though the signature itself is intact.
        Assert.False(ReceiverVerifier.Verify(hook.Secret, d, DateTimeOffset.UtcNow.AddMinutes(10)));
        // Tampered: another body under the same signature; or a fresh timestamp on the old body.
        Assert.False(ReceiverVerifier.Verify(hook.Secret, d with { Body = d.Body.Replace("\"option_index\":1", "\"option_index\":0") }));
        Assert.NotEqual(d.Body, d.Body.Replace("\"option_index\":1", "\"option_index\":0"));
        var fresh = new Dictionary<string, string>(d.Headers, StringComparer.OrdinalIgnoreCase) { ["Conflicto-Timestamp"] = $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1}" };
        Assert.False(ReceiverVerifier.Verify(hook.Secret, d with { Headers = fresh }));
        Assert.False(ReceiverVerifier.Verify("whsec_someone-elses-secret", d));
    }

    [Fact]
    public async Task TheSecret_IsShownOnce_AndARotationSignsWithBoth()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var session = await _api.CreateSessionAsync("Rotation");
        var hook = await RegisterAsync(_api, session, receiver.Url());
        Assert.StartsWith("whsec_", hook.Secret);
        Assert.True(hook.Secret.Length >= 6 + 43);
        var listed = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/webhooks", adminCode: session.AdminCode);
        var one = await GetAsync(_api, session, hook.Id);
        foreach (var text in new[] { listed.ToJsonString(), one.ToJsonString() })
        {
            Assert.DoesNotContain(hook.Secret, text);
            Assert.DoesNotContain("\"secret\"", text);
        }
        Assert.Equal("whsec_…" + hook.Secret[^4..], one["secret_hint"]!.GetValue<string>());

        var rotated = await Api.ReadAsync(await _api.SendAsync(HttpMethod.Post, $"/api/v1/sessions/{session.Id}/webhooks/{hook.Id}/rotate-secret",
            adminCode: session.AdminCode), HttpStatusCode.OK);
        var newSecret = rotated["secret"]!.GetValue<string>();
        Assert.NotEqual(hook.Secret, newSecret);
        Assert.True(rotated["previous_secret_expires_at"]!.GetValue<DateTime>() > DateTime.UtcNow.AddHours(23));
        await SomeEventsAsync(_api, session);
        await WaitCaughtUpAsync(_api, session, hook.Id);

        var d = receiver.Acknowledged[^1];
        Assert.Equal(2, ReceiverVerifier.Signatures(d).Count);
        Assert.True(ReceiverVerifier.Verify(newSecret, d));
        Assert.True(ReceiverVerifier.Verify(hook.Secret, d));
    }

    [Fact]
    public async Task APing_IsSignedWithoutSeq_AndShowsInTheLog()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var session = await _api.CreateSessionAsync("Ping");
        var hook = await RegisterAsync(_api, session, receiver.Url());
        var answer = await _api.SendAsync(HttpMethod.Post, $"/api/v1/sessions/{session.Id}/webhooks/{hook.Id}/ping", adminCode: session.AdminCode);
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        await WebhookReceiver.WaitForAsync(async () => (await DeliveriesAsync(_api, session, hook.Id, "?status=delivered")).Count == 1, "the ping to be delivered");
        var d = receiver.All.Single(x => x.Header("Conflicto-Event") == "webhook.ping");
        Assert.True(ReceiverVerifier.Verify(hook.Secret, d));
        Assert.Equal("", d.Header("Conflicto-Seq"));
        Assert.Null(d.Json["seq"]);
        var entry = (await DeliveriesAsync(_api, session, hook.Id))[0]!;
        Assert.Null(entry["seq"]);
        Assert.Equal("webhook.ping", entry["event_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task EventTypes_ArePublic_AndUnknownOnesRefused()
    {
        var types = await _api.GetJsonAsync("/api/v1/webhooks/event-types");
        Assert.Contains("response.added", types.AsArray().Select(t => t!.GetValue<string>()));
        var session = await _api.CreateSessionAsync("Types");
        foreach (var events in new object[] { new[] { "response.created" }, Array.Empty<string>() })
        {
            var refused = await _api.SendAsync(HttpMethod.Post, $"/api/v1/sessions/{session.Id}/webhooks",
                new { url = "http://127.0.0.1:9/hook", events }, session.AdminCode);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        }
    }
}
