using System.Net;
using Conflicto.Tests.Integration.Infrastructure;
using Npgsql;
using static Conflicto.Tests.Integration.Webhooks.WebhookTesting;

namespace Conflicto.Tests.Integration.Webhooks;

/// <summary>With Webhooks:AllowPrivateNetworks off (the default): no SSRF at registration, nor at connect time.</summary>
public sealed class WebhookRefusalTests(StrictWebhookApiFactory factory) : IClassFixture<StrictWebhookApiFactory>
{
    private readonly Api _api = new(factory.CreateClient());

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://172.20.0.5/hook")]
    [InlineData("http://192.168.1.1/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://100.64.0.1/hook")]
    [InlineData("http://0.0.0.0/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    [InlineData("http://[fd00::1]/hook")]
    [InlineData("http://[fe80::1]/hook")]
    public async Task PrivateAddresses_AreRefusedAtRegistration(string url)
    {
        var session = await _api.CreateSessionAsync("SSRF");
        var answer = await _api.SendAsync(HttpMethod.Post, $"/api/v1/sessions/{session.Id}/webhooks", new { url, events = new[] { "*" } }, session.AdminCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.StatusCode);
        var problem = await answer.Content.ReadAsStringAsync();
        Assert.Contains("Webhooks:AllowPrivateNetworks", problem);
        Assert.Empty((await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/webhooks", adminCode: session.AdminCode)).AsArray());
    }

    [Theory]
    [InlineData("ftp://example.org/hook")]
    [InlineData("/relative")]
    [InlineData("https://user:password@203.0.113.1/hook")]
    public async Task MalformedUrls_AreRefused(string url)
    {
        var session = await _api.CreateSessionAsync("Bad URLs");
        var answer = await _api.SendAsync(HttpMethod.Post, $"/api/v1/sessions/{session.Id}/webhooks", new { url, events = new[] { "*" } }, session.AdminCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.StatusCode);
    }

    [Fact]
    public async Task ANameThatResolvesToLoopbackLater_IsRefusedAtConnectTime()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var session = await _api.CreateSessionAsync("Rebinding");
        var hook = await RegisterAsync(_api, session, "https://203.0.113.20/hook");
        // As if the registered name now resolved to 127.0.0.1 (DNS rebinding): the URL is changed under the server's feet.
        var port = new Uri(receiver.BaseUrl).Port;
        await using (var db = new NpgsqlConnection(factory.ConnectionString))
        {
            await db.OpenAsync();
            await using var update = new NpgsqlCommand("update webhooks set url = @url where id = @id", db);
            update.Parameters.AddWithValue("url", $"http://localhost:{port}/hook");
            update.Parameters.AddWithValue("id", hook.Id);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }
        await SomeEventsAsync(_api, session);

        await WebhookReceiver.WaitForAsync(async () => (await DeliveriesAsync(_api, session, hook.Id))
            .Any(d => d!["last_error"]?.GetValue<string>()?.Contains("refused to connect", StringComparison.Ordinal) == true), "a refused attempt in the log");
        var entry = (await DeliveriesAsync(_api, session, hook.Id))[0]!;
        Assert.Contains("localhost", entry["last_error"]!.GetValue<string>());
        Assert.Null(entry["last_status_code"]);
        Assert.Empty(receiver.All);
    }

    [Fact]
    public async Task TheSessionsLimit_Is409_AndOthersAreRefused()
    {
        var session = await _api.CreateSessionAsync("Limit");
        var body = new { url = "https://203.0.113.30/hook", events = new[] { "*" } };
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.Created, (await _api.SendAsync(HttpMethod.Post, $"/api/v1/sessions/{session.Id}/webhooks", body, session.AdminCode)).StatusCode);
        var third = await _api.SendAsync(HttpMethod.Post, $"/api/v1/sessions/{session.Id}/webhooks", body, session.AdminCode);
        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
        Assert.Contains("Webhooks:MaxPerSession", await third.Content.ReadAsStringAsync());

        var other = await _api.CreateSessionAsync("Other");
        var hooks = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/webhooks", adminCode: session.AdminCode);
        var id = hooks.AsArray()[0]!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Forbidden, (await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}/webhooks/{id}", adminCode: other.AdminCode)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{other.Id}/webhooks/{id}", adminCode: other.AdminCode)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}/webhooks/not-a-guid", adminCode: session.AdminCode)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _api.SendAsync(HttpMethod.Delete, $"/api/v1/sessions/{session.Id}/webhooks/{id}", adminCode: session.AdminCode)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}/webhooks/{id}", adminCode: session.AdminCode)).StatusCode);
    }
}
