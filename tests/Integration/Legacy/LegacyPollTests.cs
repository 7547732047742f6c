using System.Net;
using Conflicto.Tests.Integration.Infrastructure;
using static Conflicto.Tests.Integration.Legacy.LegacyClient;

namespace Conflicto.Tests.Integration.Legacy;

/// <summary>A poll as the first Conflicto's clients run it: legacy configuration, selected_options, poll_results.</summary>
[Collection(ApiCollection.Name)]
public sealed class LegacyPollTests(ConflictoApiFactory factory) : LegacyTests(factory)
{
    private static readonly string[] Options = ["Red", "Green", "Blue"];
    private static object Config(bool multiple) => new
    {
        question = "Favourite colour?", options = Options, allow_multiple_choice = multiple, show_live_results = true, anonymous_voting = true,
    };

    [Fact]
    public async Task Poll_WithLegacySelectedOptions_CountsVotesThroughEveryDoor()
    {
        var session = await _api.CreateSessionAsync();
        var poll = await _api.CreateActiveActivityAsync(session, "poll", Config(multiple: false));
        string[] picks = ["Blue", "Red", "Blue", "Blue", "Green", "Red"];
        for (var i = 0; i < picks.Length; i++)
            await _legacy.SubmitAsync(Doors[i % 3], await _api.JoinAsync(session, $"P{i}"), poll, new { selected_options = new[] { picks[i] } });

        var expected = Options.ToDictionary(o => o, o => picks.Count(p => p == o));
        foreach (var results in new[] { await _legacy.ResultsAsync(poll), await _legacy.FrameworkResultsAsync(poll) })
        {
            Assert.Equal("poll_results", results["type"]!.GetValue<string>());
            Assert.Equal(expected, results["vote_counts"]!.Counts());
            Assert.Equal(picks.Length, results["total_responses"]!.GetValue<int>());
            Assert.Equal(Math.Round(100.0 * expected["Blue"] / picks.Length, 1), results["percentages"]!["Blue"]!.GetValue<double>());
            var max = expected.Values.Max();
            Assert.Equal(expected.Where(kv => kv.Value == max).Select(kv => kv.Key), results["most_popular"]!.AsArray().Select(n => n!.GetValue<string>()));
            Assert.False(results["allow_multiple_choice"]!.GetValue<bool>());
            Assert.True(results["show_live_results"]!.GetValue<bool>());
            Assert.True(results["last_updated"]!.GetValue<DateTime>() > DateTime.UtcNow.AddMinutes(-5));
            // Ours stays: options as objects, total_votes.
            Assert.Equal(expected["Blue"], results["options"]![2]!["votes"]!.GetValue<int>());
            Assert.Equal(picks.Length, results["total_votes"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task Poll_WithAllowMultipleChoice_TakesSeveralOptions_AndOurShapesStillPass()
    {
        var session = await _api.CreateSessionAsync();
        var poll = await _api.CreateActiveActivityAsync(session, "poll", Config(multiple: true));
        string[][] picks = [["Red", "Blue"], ["Blue"], ["Green", "Blue", "Red"]];
        for (var i = 0; i < picks.Length; i++)
            await _legacy.SubmitAsync(Doors[i], await _api.JoinAsync(session, $"P{i}"), poll, new { selected_options = picks[i] });
        await _legacy.SubmitAsync(Door.SessionRoute, await _api.JoinAsync(session, "Ours"), poll, new { option_indices = new[] { 1 } });
        var responses = picks.Append(["Green"]).ToList();

        var results = await _legacy.ResultsAsync(poll);

        var expected = Options.ToDictionary(o => o, o => responses.Count(r => r.Contains(o)));
        Assert.Equal(expected, results["vote_counts"]!.Counts());
        Assert.Equal(responses.Count, results["total_responses"]!.GetValue<int>());
        Assert.Equal(Math.Round(100.0 * expected["Blue"] / responses.Count, 1), results["percentages"]!["Blue"]!.GetValue<double>());
        Assert.True(Options.Sum(o => results["percentages"]![o]!.GetValue<double>()) > 100);
        Assert.True(results["allow_multiple_choice"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData(Door.SessionRoute)]
    [InlineData(Door.FrameworkRoute)]
    [InlineData(Door.Hub)]
    public async Task Poll_SingleChoice_RefusesTwoOptionsOrAnUnknownOne_AndStoresNothing(Door door)
    {
        var session = await _api.CreateSessionAsync();
        var poll = await _api.CreateActiveActivityAsync(session, "poll", Config(multiple: false));
        var voter = await _api.JoinAsync(session, "Voter");

        var two = await _legacy.RefusedAsync(door, voter, poll, new { selected_options = new[] { "Red", "Blue" } }, HttpStatusCode.UnprocessableEntity);
        await _legacy.RefusedAsync(door, voter, poll, new { selected_options = new[] { "Purple" } }, HttpStatusCode.UnprocessableEntity);
        await _legacy.RefusedAsync(door, voter, poll, new { selected_options = Array.Empty<string>() }, HttpStatusCode.UnprocessableEntity);

        Assert.Contains("allows one option", two);
        Assert.Equal(0, (await _legacy.ResultsAsync(poll))["total_responses"]!.GetValue<int>());
    }
}
