using System.Diagnostics;
using System.Net;
using Conflicto.Server.Infrastructure;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Edge;

/// <summary>
/// Rate limits on, with an address bucket far too small for a class (1/s, burst 5) and the
/// per-session bucket at its defaults, so what passes here passes because of the session rule.
/// </summary>
public sealed class NatPollingApiFactory() : ConfiguredApiFactory(new Dictionary<string, string>
{
    ["RateLimits:Enabled"] = "true",
    ["RateLimits:PollsPerSecond"] = "1",
    ["RateLimits:PollBurst"] = "5",
});

/// <summary>A school behind one NAT: every phone shares the test server's one remote address.</summary>
public sealed class NatPollingTests(NatPollingApiFactory factory) : IClassFixture<NatPollingApiFactory>
{
    private const int Phones = 50;
    private const int Rounds = 4;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2); // the legacy status polling interval
    private static readonly RateLimitOptions Defaults = new();
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task FiftyPhonesOnOneAddress_PollingStatusEvery2s_AreAllServed()
    {
        var session = await _api.CreateSessionAsync();
        await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/status", adminCode: session.AdminCode); // the host's console polls too

        // Each phone polls every 2 s, the phones spread over the interval as real ones are: the
        // bucket sees the rounds' requests in the time they would take, not all at once.
        var clock = Stopwatch.StartNew();
        var phones = Enumerable.Range(0, Phones).Select(async phone =>
        {
            var statuses = new List<HttpStatusCode>();
            for (var round = 0; round < Rounds; round++)
            {
                var due = Interval * round + Interval * phone / Phones;
                if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
                statuses.Add((await _api.Client.GetAsync($"/api/v1/sessions/{session.Id}/status")).StatusCode);
            }
            return statuses;
        });
        var statuses = (await Task.WhenAll(phones)).SelectMany(s => s).ToList();

        Assert.Equal(Phones * Rounds, statuses.Count);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task OneClientHammeringASession_IsStillRefused_PastTheSessionBucket()
    {
        var session = await _api.CreateSessionAsync();
        await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/status", adminCode: session.AdminCode);
        var url = $"/api/v1/sessions/{session.Id}/status";

        var clock = Stopwatch.StartNew();
        var statuses = new List<HttpStatusCode>();
        while (!statuses.Contains(HttpStatusCode.TooManyRequests) && statuses.Count < 5_000)
            statuses.AddRange((await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => _api.Client.GetAsync(url)))).Select(r => r.StatusCode));
        var elapsed = clock.Elapsed;

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        // What was served is what the bucket holds plus what it refilled meanwhile (and the batch in flight).
        var served = statuses.Count(s => s == HttpStatusCode.OK);
        Assert.InRange(served, Defaults.SessionPollBurst, Defaults.SessionPollBurst + Defaults.SessionPollsPerSecond * (elapsed.TotalSeconds + 1));
    }

    [Fact]
    public async Task PollingMadeUpSessions_StaysInTheAddresssBucket()
    {
        // Ids of sessions that do not exist get no bucket of their own: a client cannot widen its
        // limit (or fill memory) by inventing ids.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++) statuses.Add((await _api.Client.GetAsync($"/api/v1/sessions/{900_000 + i}/status")).StatusCode);

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.InRange(statuses.Count(s => s == HttpStatusCode.NotFound), 1, 5 + 3); // burst 5, and 1/s refill on a slow machine
    }
}
