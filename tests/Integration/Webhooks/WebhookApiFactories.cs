using System.Net;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Webhooks;

/// <summary>Fast retries and sweeps, and private networks allowed: the receiver is on 127.0.0.1.</summary>
public sealed class WebhookApiFactory() : ConfiguredApiFactory(WebhookTesting.FastSettings(new Dictionary<string, string>
{
    ["Webhooks:AllowPrivateNetworks"] = "true",
}));

/// <summary>The default guard (private networks refused), and a small per-session limit.</summary>
public sealed class StrictWebhookApiFactory() : ConfiguredApiFactory(WebhookTesting.FastSettings(new Dictionary<string, string>
{
    ["Webhooks:MaxPerSession"] = "2",
}));

/// <summary>A global endpoint from configuration pointing at a receiver started before the server.</summary>
public sealed class GlobalWebhookApiFactory() : ConfiguredApiFactory(WebhookTesting.FastSettings(new Dictionary<string, string>
{
    ["Webhooks:AllowPrivateNetworks"] = "true",
    ["Webhooks:Endpoints:0:Url"] = Receiver.Url("/global"),
    ["Webhooks:Endpoints:0:Secret"] = Secret,
    ["Webhooks:Endpoints:0:Events:0"] = "*",
}))
{
    public const string Secret = "whsec_global-endpoint-secret-for-tests-0123456789";
    public static readonly WebhookReceiver Receiver = WebhookReceiver.StartAsync().GetAwaiter().GetResult();
}

public static class WebhookTesting
{
    public static Dictionary<string, string> FastSettings(Dictionary<string, string> extra)
    {
        var settings = new Dictionary<string, string>
        {
            ["Webhooks:RetryBaseSeconds"] = "0.1",
            ["Webhooks:RetryMaxSeconds"] = "0.5",
            ["Webhooks:RetryJitter"] = "0.1",
            ["Webhooks:SweepSeconds"] = "0.1",
            ["Webhooks:CircuitBreakSeconds"] = "0.5",
            ["Webhooks:DisableAfterFailures"] = "6",
            ["Webhooks:TimeoutSeconds"] = "5",
        };
        foreach (var (key, value) in extra) settings[key] = value;
        return settings;
    }

    public sealed record Registered(Guid Id, string Secret, JsonNode Created);

    public static async Task<Registered> RegisterAsync(Api api, Api.Session session, string url, object? events = null, string? scope = null)
    {
        var created = await Api.ReadAsync(await api.SendAsync(HttpMethod.Post, $"/api/v1/sessions/{session.Id}/webhooks",
            new { url, events = events ?? new[] { "*" }, scope, description = "test receiver" }, session.AdminCode), HttpStatusCode.Created);
        return new Registered(Guid.Parse(created["id"]!.GetValue<string>()), created["secret"]!.GetValue<string>(), created);
    }

    public static Task<JsonNode> GetAsync(Api api, Api.Session session, Guid webhook) =>
        api.GetJsonAsync($"/api/v1/sessions/{session.Id}/webhooks/{webhook}", adminCode: session.AdminCode);

    public static async Task<JsonArray> DeliveriesAsync(Api api, Api.Session session, Guid webhook, string query = "") =>
        (await api.GetJsonAsync($"/api/v1/sessions/{session.Id}/webhooks/{webhook}/deliveries{query}", adminCode: session.AdminCode)).AsArray();

    /// <summary>Waits until the endpoint's receiver acknowledged everything the session has so far.</summary>
    public static Task WaitCaughtUpAsync(Api api, Api.Session session, Guid webhook, int seconds = 30) =>
        WebhookReceiver.WaitForAsync(async () =>
        {
            var w = await GetAsync(api, session, webhook);
            return w["last_acked_seq"]!.GetValue<long>() == w["latest_seq"]!.GetValue<long>();
        }, $"webhook {webhook} to catch up", seconds);

    /// <summary>A handful of events: a participant joins, a poll is created and opened, the participant votes.</summary>
    public static async Task<Guid> SomeEventsAsync(Api api, Api.Session session, string nickname = "Ada")
    {
        var participant = await api.JoinAsync(session, nickname);
        var poll = await api.CreateActiveActivityAsync(session, "poll", new { question = "Which?", options = new[] { "A", "B" } }, "Poll", keepOthersOpen: true);
        await Api.ReadAsync(await api.SubmitAsync(participant, poll, new { option_index = 1 }), HttpStatusCode.Created);
        return poll;
    }
}

/// <summary>A node that does not deliver (Webhooks:Enabled false), so a test can play the dispatcher's part against the outbox.</summary>
public sealed class IdleWebhookApiFactory() : ConfiguredApiFactory(new Dictionary<string, string>
{
    ["Webhooks:Enabled"] = "false",
});
