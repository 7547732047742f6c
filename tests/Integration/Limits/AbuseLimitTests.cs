using System.Net;
using System.Net.Http.Json;
using Conflicto.Data.Sessions;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Metrics;

namespace Conflicto.Tests.Integration.Limits;

/// <summary>Small abuse limits on a server whose requests come from the address in <c>X-Test-Peer</c>.</summary>
public sealed class AbuseLimitedApiFactory() : PeerAddressApiFactory(new Dictionary<string, string>
{
    ["RateLimits:Enabled"] = "true",
    ["RateLimits:PollsPerSecond"] = "1",
    ["RateLimits:PollBurst"] = "5",
    ["RateLimits:AdminCodeFailuresPerAddress"] = "3",
    ["RateLimits:AdminCodeFailuresPerSession"] = "5",
    ["RateLimits:JoinCodeFailuresPerAddress"] = "3",
    ["RateLimits:CodeFailureWindowSeconds"] = "600",
    ["RateLimits:AddressJoinsPerSecond"] = "1",
    ["RateLimits:AddressJoinBurst"] = "3",
    ["RateLimits:SessionJoinsPerSecond"] = "1",
    ["RateLimits:SessionJoinBurst"] = "5",
});

/// <summary>
/// The limits cannot be walked around: a junk credential buys no bucket of its own, a valid one is
/// its own, and guessing admin or join codes is refused after a few wrong ones (issue #13, item 5).
/// Each test calls from addresses of its own, so the tests do not share buckets.
/// </summary>
public sealed class AbuseLimitTests(AbuseLimitedApiFactory factory) : IClassFixture<AbuseLimitedApiFactory>
{
    private Api From(string address)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(PeerAddressApiFactory.PeerHeader, address);
        return new Api(client);
    }

    private static string WrongCode(string code) => (code[0] == 'A' ? "B" : "A") + code[1..];

    private static void AssertRetryAfter(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, "429 without a Retry-After in seconds");
    }

    [Fact]
    public async Task Polling_WithAFreshJunkTokenPerRequest_SharesTheAddressBucket()
    {
        var api = From("198.51.100.1");
        var session = await api.CreateSessionAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
            statuses.Add((await api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}/events", token: $"junk-{Guid.NewGuid():N}")).StatusCode);

        Assert.InRange(statuses.Count(s => s != HttpStatusCode.TooManyRequests), 5, 7); // the burst, and what refilled meanwhile
        AssertRetryAfter(await api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}/events", token: $"junk-{Guid.NewGuid():N}"));
    }

    [Fact]
    public async Task Polling_ValidParticipantsOnOneAddress_EachHaveTheirOwnBucket()
    {
        var api = From("198.51.100.2");
        var session = await api.CreateSessionAsync();
        var alice = await api.JoinAsync(session, "Alice");
        var bob = await api.JoinAsync(session, "Bob");
        var url = $"/api/v1/sessions/{session.Id}/events";

        var alices = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++) alices.Add((await api.SendAsync(HttpMethod.Get, url, token: alice.Token)).StatusCode);
        Assert.Contains(HttpStatusCode.TooManyRequests, alices);

        // Alice emptied her own bucket, not Bob's and not the address's.
        await Api.ReadAsync(await api.SendAsync(HttpMethod.Get, url, token: bob.Token), HttpStatusCode.OK);
        await Api.ReadAsync(await api.SendAsync(HttpMethod.Get, url, adminCode: session.AdminCode), HttpStatusCode.OK);
    }

    [Fact]
    public async Task AdminCodeLookups_AfterTooManyWrongCodes_Get429_WhileTheRightCodeWorksFromAnotherAddress()
    {
        var guesser = From("198.51.100.3");
        var session = await From("198.51.100.4").CreateSessionAsync();
        for (var i = 0; i < 3; i++)
            await Api.ProblemAsync(await guesser.SendAsync(HttpMethod.Get, $"/api/v1/sessions/code/{WrongCode(session.AdminCode)}?code_type=admin"), HttpStatusCode.NotFound);

        // Locked out: even the right code is refused, so the lock-out tells the guesser nothing.
        var refused = await guesser.SendAsync(HttpMethod.Get, $"/api/v1/sessions/code/{session.AdminCode}?code_type=admin");
        AssertRetryAfter(refused);
        await Api.ProblemAsync(refused, HttpStatusCode.TooManyRequests);

        var host = await From("198.51.100.4").GetJsonAsync($"/api/v1/sessions/code/{session.AdminCode}?code_type=admin");
        Assert.Equal(session.AdminCode, host["admin_code"]!.GetValue<string>());
    }

    [Fact]
    public async Task AdminCodeHeader_AfterTooManyWrongCodesFromOneAddress_Gets429_ButNotTheHostElsewhere()
    {
        var session = await From("198.51.100.5").CreateSessionAsync();
        var guesser = From("198.51.100.6");
        for (var i = 0; i < 3; i++)
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await guesser.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}", adminCode: WrongCode(session.AdminCode))).StatusCode);

        var refused = await guesser.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}", adminCode: session.AdminCode);
        AssertRetryAfter(refused);
        await Api.ProblemAsync(refused, HttpStatusCode.TooManyRequests);

        var host = await From("198.51.100.5").GetJsonAsync($"/api/v1/sessions/{session.Id}", adminCode: session.AdminCode);
        Assert.Equal(session.AdminCode, host["admin_code"]!.GetValue<string>());
    }

    [Fact]
    public async Task AdminCodeHeader_GuessedAtOneSessionFromManyAddresses_Gets429()
    {
        var session = await From("198.51.100.7").CreateSessionAsync();
        for (var i = 0; i < 5; i++)
            Assert.NotEqual(HttpStatusCode.TooManyRequests,
                (await From($"203.0.113.{i + 1}").SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}", adminCode: WrongCode(session.AdminCode))).StatusCode);

        AssertRetryAfter(await From("203.0.113.100").SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}", adminCode: WrongCode(session.AdminCode)));
        // Another session is not locked.
        var other = await From("198.51.100.7").CreateSessionAsync();
        await From("203.0.113.101").GetJsonAsync($"/api/v1/sessions/{other.Id}", adminCode: other.AdminCode);
    }

    [Fact]
    public async Task JoinCodeLookups_AfterTooManyWrongCodes_Get429()
    {
        var session = await From("198.51.100.8").CreateSessionAsync();
        var guesser = From("198.51.100.9");
        for (var i = 0; i < 3; i++)
            await Api.ProblemAsync(await guesser.SendAsync(HttpMethod.Get, $"/api/v1/sessions/code/{WrongCode(session.JoinCode)}"), HttpStatusCode.NotFound);

        AssertRetryAfter(await guesser.SendAsync(HttpMethod.Get, $"/api/v1/sessions/code/{session.JoinCode}"));
        await From("198.51.100.10").GetJsonAsync($"/api/v1/sessions/code/{session.JoinCode}");
    }

    [Fact]
    public async Task Joins_PerAddress_AndPerSession_AreLimited()
    {
        var session = await From("198.51.100.11").CreateSessionAsync();
        var one = From("198.51.100.12");
        var fromOne = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++) fromOne.Add(await Join(one, session, $"one{i}"));
        Assert.InRange(fromOne.Count(r => r.StatusCode == HttpStatusCode.OK), 3, 4);
        AssertRetryAfter(fromOne[^1]);

        // The session's bucket (5) is shared by every address: the rest arrive from fresh ones.
        var fromMany = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++) fromMany.Add(await Join(From($"203.0.113.{50 + i}"), session, $"many{i}"));
        Assert.Contains(fromMany, r => r.StatusCode == HttpStatusCode.TooManyRequests);
        AssertRetryAfter(fromMany.First(r => r.StatusCode == HttpStatusCode.TooManyRequests));
    }

    private Task<HttpResponseMessage> Join(Api api, Api.Session session, string nickname) =>
        api.SendAsync(HttpMethod.Post, $"/api/v1/sessions/{session.Id}/join", new { nickname });
}
