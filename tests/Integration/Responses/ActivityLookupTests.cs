using Conflicto.Server.Responses;
using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Conflicto.Tests.Integration.Responses;

/// <summary>
/// The activity copy submissions check against: a class answering the moment a poll opens misses
/// the cache all at once, and those lookups must share one read, not each read the row.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ActivityLookupTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task GetAsync_ManyMissesAtOnce_ShareOneRead()
    {
        var session = await _api.CreateSessionAsync();
        var poll = await _api.CreateActiveActivityAsync(session, "poll", new { question = "Pick", options = new[] { "A", "B" } });
        var lookup = factory.Services.GetRequiredService<ActivityLookup>();
        lookup.Forget(poll);

        var rows = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => lookup.GetAsync(poll, CancellationToken.None)));

        // Separate reads would each build their own row; one shared read hands everyone the same one.
        var first = rows[0];
        Assert.NotNull(first);
        Assert.Equal(poll, first.Id);
        Assert.All(rows, row => Assert.Same(first, row));
    }

    [Fact]
    public async Task GetAsync_AfterForget_ReadsAgain()
    {
        var session = await _api.CreateSessionAsync();
        var poll = await _api.CreateActiveActivityAsync(session, "poll", new { question = "Pick", options = new[] { "A", "B" } });
        var lookup = factory.Services.GetRequiredService<ActivityLookup>();
        var cached = await lookup.GetAsync(poll, CancellationToken.None);
        Assert.Same(cached, await lookup.GetAsync(poll, CancellationToken.None));

        lookup.Forget(poll);

        var fresh = await lookup.GetAsync(poll, CancellationToken.None);
        Assert.NotNull(fresh);
        Assert.NotSame(cached, fresh);
        Assert.Equal((cached!.Id, cached.UpdatedAt), (fresh.Id, fresh.UpdatedAt));
    }
}
