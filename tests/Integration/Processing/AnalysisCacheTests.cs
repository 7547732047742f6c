using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Processing;

/// <summary>Identical schemas (type + configuration) are analysed once, whichever activity asks.</summary>
public sealed class AnalysisCacheTests(AnalysisCacheTests.Factory factory) : IClassFixture<AnalysisCacheTests.Factory>
{
    /// <summary>A database of its own, so the cache holds only what these tests put there.</summary>
    public sealed class Factory() : ProcessingApiFactory;

    private readonly Api _api = factory.Api();

    private Task<long> CachedAsync() => ProcessingTesting.ScalarAsync<long>(factory.ConnectionString, "select count(*) from schema_analysis_cache");

    [Fact]
    public async Task TwoActivities_SameTypeAndConfiguration_OneCacheRow_BothCompleted()
    {
        var before = await CachedAsync();
        var configuration = new { question = ProcessingTesting.UniqueTitle("Same?"), options = new[] { "A", "B" } };
        var session = await _api.CreateSessionAsync();
        var first = await _api.CreateActivityAsync(session, "poll", configuration, "First");
        var other = await _api.CreateSessionAsync();
        var second = await _api.CreateActivityAsync(other, "poll", configuration, "Second");

        var a = await _api.WaitForStatusAsync(first, "completed");
        var b = await _api.WaitForStatusAsync(second, "completed");

        Assert.Equal(before + 1, await CachedAsync());
        Assert.Equal(a["schema_render"]!.ToJsonString(), b["schema_render"]!.ToJsonString());
    }

    [Fact]
    public async Task SameConfiguration_FormattedDifferently_SharesTheCacheRow()
    {
        var before = await CachedAsync();
        var question = ProcessingTesting.UniqueTitle("Order?");
        var session = await _api.CreateSessionAsync();
        var first = await _api.CreateActivityAsync(session, "poll", ProcessingTesting.Json($$"""{"question":"{{question}}","options":["A","B"]}"""));
        var second = await _api.CreateActivityAsync(session, "poll", ProcessingTesting.Json($$"""{ "options": ["A", "B"],  "question": "{{question}}" }"""));

        await _api.WaitForStatusAsync(first, "completed");
        await _api.WaitForStatusAsync(second, "completed");

        Assert.Equal(before + 1, await CachedAsync());
    }

    [Fact]
    public async Task DifferentConfigurationOrType_AnalysedSeparately()
    {
        var before = await CachedAsync();
        var prompt = ProcessingTesting.UniqueTitle("Rate");
        var session = await _api.CreateSessionAsync();
        var ids = new[]
        {
            await _api.CreateActivityAsync(session, "star_rating", new { min = 1, max = 5, prompt }),
            await _api.CreateActivityAsync(session, "star_rating", new { min = 1, max = 10, prompt }),
            await _api.CreateActivityAsync(session, "mood_rating", new { min = 1, max = 5, prompt }),
        };

        foreach (var id in ids) await _api.WaitForStatusAsync(id, "completed");

        Assert.Equal(before + 3, await CachedAsync());
    }
}
