using Conflicto.Data.Events;
using Conflicto.Server.Polling;
using Conflicto.Server.Realtime;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Conflicto.Tests.Unit.Server.Polling;

/// <summary>
/// The polling cache: an answer is served from memory until an event of its session arrives or
/// it ages out (on the injected clock), and never outlives a change it may have missed.
/// </summary>
public sealed class PollCacheTests
{
    private const int MaxAgeMs = 1_000;
    private readonly FakeTimeProvider _clock = new();
    private readonly PollCache _cache;
    private readonly Dictionary<string, int> _loads = [];
    private readonly Dictionary<string, string> _values = [];

    public PollCacheTests()
    {
        _cache = new PollCache(
            Options.Create(new RealtimeOptions { PollCacheMaxAgeMs = MaxAgeMs }),
            Options.Create(new Microsoft.AspNetCore.Http.Json.JsonOptions()),
            _clock);
    }

    private sealed record Status(string Value);

    private async Task<PollEntry?> GetAsync(string key, int sessionId) =>
        await _cache.GetAsync(key, _ =>
        {
            _loads[key] = _loads.GetValueOrDefault(key) + 1;
            return Task.FromResult<(object, int)?>((new Status(_values.GetValueOrDefault(key, "v1")), sessionId));
        }, CancellationToken.None);

    /// <summary>Loads an answer and makes sure the next ask is served from memory; returns the load count so far.</summary>
    private async Task<int> WarmAsync(string key, int sessionId)
    {
        await GetAsync(key, sessionId); // learns the key's session (not cached: the session is unknown until then)
        await GetAsync(key, sessionId);
        return _loads[key];
    }

    private static SessionEvent EventOf(int sessionId) =>
        new(sessionId, 1, EventTypes.ParticipantJoined, DateTime.UnixEpoch, Conflicto.Data.Infrastructure.Json.ToElement(new { id = 1 }));

    [Fact]
    public async Task GetAsync_Warm_IsServedFromMemory()
    {
        var loads = await WarmAsync("session-status:1", 1);

        for (var i = 0; i < 20; i++) Assert.Equal(new Status("v1"), (await GetAsync("session-status:1", 1))!.Value);

        Assert.Equal(loads, _loads["session-status:1"]);
    }

    [Fact]
    public async Task GetAsync_AfterAnEventOfItsSession_LoadsTheNewAnswer()
    {
        var loads = await WarmAsync("session-status:1", 1);
        _values["session-status:1"] = "v2";

        _cache.OnCommitted([EventOf(1)]);
        var entry = await GetAsync("session-status:1", 1);

        Assert.Equal(new Status("v2"), entry!.Value);
        Assert.Equal(loads + 1, _loads["session-status:1"]);
    }

    [Fact]
    public async Task GetAsync_AfterAnEventOfAnotherSession_StaysInMemory()
    {
        var loads = await WarmAsync("session-status:1", 1);
        var otherLoads = await WarmAsync("activity-status:2", 2);

        _cache.OnCommitted([EventOf(2)]);
        await GetAsync("session-status:1", 1);
        await GetAsync("activity-status:2", 2);

        Assert.Equal(loads, _loads["session-status:1"]);
        Assert.Equal(otherLoads + 1, _loads["activity-status:2"]);
    }

    [Fact]
    public async Task GetAsync_AnEventInvalidatesEveryKeyOfItsSession()
    {
        var status = await WarmAsync("session-status:1", 1);
        var results = await WarmAsync("activity-results:aaaa", 1);

        _cache.Invalidate(1);
        await GetAsync("session-status:1", 1);
        await GetAsync("activity-results:aaaa", 1);

        Assert.Equal(status + 1, _loads["session-status:1"]);
        Assert.Equal(results + 1, _loads["activity-results:aaaa"]);
    }

    [Fact]
    public async Task GetAsync_AgesOutOnTheClock_WithoutAnyEvent()
    {
        var loads = await WarmAsync("session-status:1", 1);

        _clock.Advance(TimeSpan.FromMilliseconds(MaxAgeMs));
        await GetAsync("session-status:1", 1);
        Assert.Equal(loads, _loads["session-status:1"]);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await GetAsync("session-status:1", 1);
        Assert.Equal(loads + 1, _loads["session-status:1"]);
    }

    [Fact]
    public async Task GetAsync_EventDuringALoad_ThatLoadIsNotServedAgain()
    {
        await WarmAsync("session-status:1", 1);
        _cache.Invalidate(1);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loading = _cache.GetAsync("session-status:1", async _ =>
        {
            await release.Task;
            return (new Status("read before the change"), 1);
        }, CancellationToken.None);

        _values["session-status:1"] = "after the change";
        _cache.OnCommitted([EventOf(1)]); // commits while the slow load still reads the old state
        release.SetResult();
        Assert.Equal(new Status("read before the change"), (await loading)!.Value);

        Assert.Equal(new Status("after the change"), (await GetAsync("session-status:1", 1))!.Value);
    }

    [Fact]
    public async Task GetAsync_ConcurrentMisses_ShareOneLoad()
    {
        await WarmAsync("session-status:1", 1);
        _cache.Invalidate(1);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loads = 0;
        Task<PollEntry?> Ask() => _cache.GetAsync("session-status:1", async _ =>
        {
            Interlocked.Increment(ref loads);
            await release.Task;
            return (new Status("shared"), 1);
        }, CancellationToken.None);

        var asks = Enumerable.Range(0, 10).Select(_ => Ask()).ToList();
        release.SetResult();
        var answers = await Task.WhenAll(asks);

        Assert.Equal(1, loads);
        Assert.All(answers, a => Assert.Equal(new Status("shared"), a!.Value));
    }

    [Fact]
    public async Task GetAsync_ThingThatDoesNotExist_IsNotCachedAndHasNoSession()
    {
        var loads = 0;
        Task<PollEntry?> Ask() => _cache.GetAsync("activity-status:nobody", _ =>
        {
            loads++;
            return Task.FromResult<(object, int)?>(null);
        }, CancellationToken.None);

        Assert.Null(await Ask());
        Assert.Null(await Ask());

        Assert.Equal(2, loads);
        Assert.False(_cache.TryGetSessionOf("nobody", out _));
    }

    [Fact]
    public async Task TryGetSessionOf_KnowsTheSessionOfALoadedSubject()
    {
        await GetAsync("activity-status:abc", 5);

        Assert.True(_cache.TryGetSessionOf("abc", out var session));
        Assert.Equal(5, session);
    }

    [Fact]
    public async Task GetAsync_AnswersNobodyAskedForInAMinute_AreForgotten()
    {
        await WarmAsync("session-status:1", 1);
        _clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromMilliseconds(1));

        // Idle answers are swept every 1024 asks of the cache.
        await WarmAsync("session-status:2", 2);
        for (var i = 0; i < 1024; i++) await GetAsync("session-status:2", 2);

        Assert.False(_cache.TryGetSessionOf("1", out _));
        Assert.True(_cache.TryGetSessionOf("2", out _));
    }

    [Fact]
    public async Task ETag_FollowsTheContent()
    {
        var first = (await GetAsync("session-status:1", 1))!;
        _cache.Invalidate(1);
        var same = (await GetAsync("session-status:1", 1))!;
        _values["session-status:1"] = "v2";
        _cache.Invalidate(1);
        var changed = (await GetAsync("session-status:1", 1))!;

        Assert.StartsWith("W/\"", first.ETag);
        Assert.Equal(first.ETag, same.ETag);
        Assert.NotEqual(first.ETag, changed.ETag);
    }
}
