using System.Net;
using Conflicto.Server.Polling;
using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Conflicto.Tests.Integration.Polling;

/// <summary>ETag / If-None-Match on the polling endpoints, and how few loads many polls cost.</summary>
public sealed class PollCacheTests(LongCacheApiFactory factory) : IClassFixture<LongCacheApiFactory>
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task SessionStatus_UnchangedThenJoin_304ThenNewETag()
    {
        var session = await _api.CreateSessionAsync();
        var url = $"/api/v1/sessions/{session.Id}/status";

        await AssertRevalidationAsync(url, () => _api.JoinAsync(session, "Alice"));
    }

    [Fact]
    public async Task ActivityDetailStatusResultsAndFrameworkStatus_UnchangedThenResponse_304ThenNewETag()
    {
        var session = await _api.CreateSessionAsync();
        var poll = await _api.CreateActiveActivityAsync(session, "poll", new { question = "Q?", options = new[] { "A", "B" } });
        var urls = new[]
        {
            $"/api/v1/sessions/{session.Id}/activities/{poll}/status",
            $"/api/v1/activities/{poll}",
            $"/api/v1/activities/{poll}/results",
            $"/api/v1/activities/{poll}/status/framework",
        };

        var voters = 0;
        foreach (var url in urls)
        {
            await AssertRevalidationAsync(url, async () =>
            {
                var voter = await _api.JoinAsync(session, $"Voter {voters++}");
                await Api.ReadAsync(await _api.SubmitAsync(voter, poll, new { option_index = 1 }), HttpStatusCode.Created);
            });
        }
    }

    [Fact]
    public async Task SessionStatus_ChangeInAnotherSession_Still304()
    {
        var session = await _api.CreateSessionAsync();
        var other = await _api.CreateSessionAsync();
        var url = $"/api/v1/sessions/{session.Id}/status";
        var (etag, _) = await GetAsync(url);

        await _api.JoinAsync(other, "Elsewhere");

        var (_, response) = await GetAsync(url, etag);
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task SessionStatus_StarOrListedIfNoneMatch_304_OtherTag_200()
    {
        var session = await _api.CreateSessionAsync();
        var url = $"/api/v1/sessions/{session.Id}/status";
        var (etag, _) = await GetAsync(url);

        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(url, "*")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(url, $"W/\"000000\", {etag}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(url, "W/\"000000\"")).Response.StatusCode);
    }

    [Fact]
    public async Task StatusAndResults_AfterSessionDeleted_NotFoundRatherThanCached()
    {
        var session = await _api.CreateSessionAsync();
        var poll = await _api.CreateActiveActivityAsync(session, "poll", new { question = "Q?", options = new[] { "A", "B" } });
        var urls = new[] { $"/api/v1/sessions/{session.Id}/status", $"/api/v1/activities/{poll}/results", $"/api/v1/activities/{poll}/status/framework" };
        foreach (var url in urls.Concat(urls)) await GetAsync(url); // twice each: the second answer is cached

        var deleted = await _api.SendAsync(HttpMethod.Delete, $"/api/v1/sessions/{session.Id}", adminCode: session.AdminCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        foreach (var url in urls) await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, url), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SessionStatus_ThousandPollsWithoutChange_CostAHandfulOfLoads()
    {
        var session = await _api.CreateSessionAsync();
        var url = $"/api/v1/sessions/{session.Id}/status";
        var cache = factory.Services.GetRequiredService<PollCache>();
        var (etag, _) = await GetAsync(url);
        var loadsBefore = cache.Loads;

        using var gate = new SemaphoreSlim(8);
        var statuses = await Task.WhenAll(Enumerable.Range(0, 1000).Select(async n =>
        {
            await gate.WaitAsync();
            try { return (await GetAsync(url, n % 2 == 0 ? etag : null)).Response.StatusCode; }
            finally { gate.Release(); }
        }));

        Assert.Equal(500, statuses.Count(s => s == HttpStatusCode.NotModified));
        Assert.Equal(500, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.InRange(cache.Loads - loadsBefore, 0, 5);

        // The cache follows events: one change, and the next poll loads once and sees it.
        await _api.JoinAsync(session, "Alice");
        var loadsBeforeChange = cache.Loads;
        var (newTag, fresh) = await GetAsync(url, etag);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.NotEqual(etag, newTag);
        Assert.Equal(loadsBeforeChange + 1, cache.Loads);
    }

    /// <summary>GET, GET with the ETag (304, no body), change, GET with the old ETag (200, new ETag), GET with the new one (304).</summary>
    private async Task AssertRevalidationAsync(string url, Func<Task> change)
    {
        var (etag, first) = await GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotEmpty(await first.Content.ReadAsStringAsync());

        var (_, unchanged) = await GetAsync(url, etag);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync());

        await change();

        var (newTag, changed) = await GetAsync(url, etag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, newTag);
        Assert.NotEqual(await first.Content.ReadAsStringAsync(), await changed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(url, newTag)).Response.StatusCode);
    }

    private async Task<(string ETag, HttpResponseMessage Response)> GetAsync(string url, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        var response = await _api.Client.SendAsync(request);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotModified, $"{url}: {(int)response.StatusCode}");
        var etag = response.Headers.ETag?.ToString();
        Assert.False(string.IsNullOrEmpty(etag), $"{url} answered without an ETag");
        return (etag!, response);
    }
}
