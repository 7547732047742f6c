using System.Net;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Realtime;
using Dapper;
using Microsoft.AspNetCore.SignalR;
using Npgsql;

namespace Conflicto.Tests.Integration.Limits;

/// <summary>A server with small rate limits: bursts past them get 429 and change nothing.</summary>
public sealed class RateLimitedApiFactory() : ConfiguredApiFactory(new Dictionary<string, string>
{
    ["RateLimits:Enabled"] = "true",
    ["RateLimits:SubmissionsPerSecond"] = "1",
    ["RateLimits:SubmissionBurst"] = "3",
    ["RateLimits:PollsPerSecond"] = "1",
    ["RateLimits:PollBurst"] = "5",
});

public sealed class RateLimitTests(RateLimitedApiFactory factory) : IClassFixture<RateLimitedApiFactory>
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task Submissions_OverTheParticipantsLimit_Get429_AndAreNotStored()
    {
        var session = await _api.CreateSessionAsync();
        var cloud = await _api.CreateActiveActivityAsync(session, "word_stream", new { prompt = "Words" });
        var alice = await _api.JoinAsync(session, "Alice");

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 8; i++) answers.Add(await _api.SubmitAsync(alice, cloud, new { word = $"w{i}" }));
        var statuses = answers.Select(a => a.StatusCode).ToList();

        // The burst of 3 goes through (a slow machine may see a token or two refilled meanwhile), the rest is refused.
        Assert.InRange(statuses.Count(s => s == HttpStatusCode.Created), 3, 5);
        var problem = await Api.ProblemAsync(answers.First(a => a.StatusCode == HttpStatusCode.TooManyRequests), HttpStatusCode.TooManyRequests);
        Assert.Contains("idempotency key", problem["detail"]!.GetValue<string>());
        await using var db = new NpgsqlConnection(factory.ConnectionString);
        Assert.Equal(statuses.Count(s => s == HttpStatusCode.Created),
            await db.ExecuteScalarAsync<int>("select count(*)::int from user_responses where activity_id = @cloud", new { cloud }));
    }

    [Fact]
    public async Task Submissions_OverTheHub_ShareTheParticipantsBucket()
    {
        var session = await _api.CreateSessionAsync();
        var cloud = await _api.CreateActiveActivityAsync(session, "word_stream", new { prompt = "Words" });
        var bob = await _api.JoinAsync(session, "Bob");
        await using var hub = SessionHubClient.Create(() => factory.Server.CreateHandler(), factory.Server.BaseAddress.ToString().TrimEnd('/'), bob.Token);
        await hub.StartAsync();
        await hub.JoinAsync(session.Id);

        for (var i = 0; i < 3; i++) await Api.ReadAsync(await _api.SubmitAsync(bob, cloud, new { word = $"rest{i}" }), HttpStatusCode.Created);
        // The REST burst emptied Bob's bucket; the hub draws from the same one.
        var refusals = new List<HubException>();
        for (var i = 0; i < 4; i++)
        {
            try { await hub.InvokeAsync("SubmitResponse", cloud, new { word = $"hub{i}" }, $"hub-key-{i}"); }
            catch (HubException ex) { refusals.Add(ex); }
        }
        Assert.NotEmpty(refusals);
        Assert.All(refusals, r => Assert.Contains("429", r.Message));
    }

    [Fact]
    public async Task Polling_OverTheClientsLimit_Gets429()
    {
        // The host's credential is its own bucket (credential-less polling of a session shares a
        // larger per-session bucket: NatPollingTests).
        var session = await _api.CreateSessionAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++) statuses.Add((await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}/status", adminCode: session.AdminCode)).StatusCode);

        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        var limited = await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}/status", adminCode: session.AdminCode);
        await Api.ProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.RetryAfter is not null);
    }
}
