using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Participants;

/// <summary>Joins racing each other: the session row lock must keep nicknames unique and capacity exact.</summary>
[Collection(ApiCollection.Name)]
public sealed class JoinConcurrencyTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task Join_20ParallelJoinsWithTheSameNickname_AllSucceedWithDistinctNicknames()
    {
        var session = await _api.CreateSessionAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            _api.Client.PostAsJsonAsync($"/api/v1/sessions/{session.Id}/join", new { nickname = "Alice" })));

        var bodies = await Task.WhenAll(responses.Select(r => Api.ReadAsync(r, HttpStatusCode.OK)));
        var nicknames = bodies.Select(b => b["nickname"]!.GetValue<string>()).ToList();
        Assert.Equal(20, nicknames.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var expected = new[] { "Alice" }.Concat(Enumerable.Range(2, 19).Select(n => $"Alice {n}")).Order();
        Assert.Equal(expected, nicknames.Order());
        Assert.Equal(20, bodies.Select(b => b["participant_token"]!.GetValue<string>()).Distinct().Count());
        var listed = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/participants");
        Assert.Equal(20, listed["total_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Join_10ParallelJoinsIntoASessionOf5_ExactlyFiveSucceed()
    {
        var session = await _api.CreateSessionAsync(maxParticipants: 5);

        var responses = await Task.WhenAll(Enumerable.Range(1, 10).Select(i =>
            _api.Client.PostAsJsonAsync($"/api/v1/sessions/{session.Id}/join", new { nickname = $"Racer {i}" })));

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
            await Api.ProblemAsync(refused, HttpStatusCode.Conflict);
        var status = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/status");
        Assert.Equal(5, status["participant_count"]!.GetValue<int>());
        var listed = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/participants");
        var accepted = await Task.WhenAll(responses.Where(r => r.StatusCode == HttpStatusCode.OK).Select(r => Api.ReadAsync(r, HttpStatusCode.OK)));
        Assert.Equal(Ids(accepted.Select(b => b["participant_id"]!)), Ids(listed["participants"]!.AsArray().Select(p => p!["participant_id"]!)));
    }

    private static IEnumerable<string> Ids(IEnumerable<JsonNode> ids) => ids.Select(i => i.GetValue<string>()).Order();
}
