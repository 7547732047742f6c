using System.Net;
using Conflicto.Tests.Integration.Infrastructure;
using static Conflicto.Tests.Integration.Legacy.LegacyClient;

namespace Conflicto.Tests.Integration.Legacy;

/// <summary>A word cloud as the first Conflicto's clients run it, and a word cap per participant across responses.</summary>
[Collection(ApiCollection.Name)]
public sealed class LegacyWordCloudTests(ConflictoApiFactory factory) : LegacyTests(factory)
{
    private static readonly object LegacyConfig = new
    {
        prompt = "One word for today", max_word_length = 12, max_words_per_submission = 2, allow_phrases = false,
        moderate_submissions = false, case_sensitive = false, show_live_results = true, banned_words = new[] { "boring" },
    };

    [Fact]
    public async Task WordCloud_LegacyWords_ThroughEveryDoor_AreNormalisedIntoWordCloudResults()
    {
        var session = await _api.CreateSessionAsync();
        var cloud = await _api.CreateActiveActivityAsync(session, "word_cloud", LegacyConfig);
        string[][] sent = [["Fun!", "fast"], ["fun", "Well-made"], ["FUN"]];
        for (var i = 0; i < sent.Length; i++)
            await _legacy.SubmitAsync(Doors[i], await _api.JoinAsync(session, $"P{i}"), cloud, new { words = sent[i] });

        var results = await _legacy.ResultsAsync(cloud);

        var normal = sent.SelectMany(w => w).Select(w => new string(w.Where(c => char.IsLetterOrDigit(c) || c == '-').ToArray()).ToLowerInvariant()).ToList();
        var expected = normal.GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal("word_cloud_results", results["type"]!.GetValue<string>());
        Assert.Equal(expected, results["word_frequencies"]!.Counts());
        Assert.Equal(normal.Count, results["total_word_submissions"]!.GetValue<int>());
        Assert.Equal(sent.Length, results["participant_count"]!.GetValue<int>());
        Assert.Equal(expected.Count, results["unique_word_count"]!.GetValue<int>());
        var top = results["word_cloud_data"]![0]!;
        Assert.Equal(("fun", expected["fun"], 100), (top["word"]!.GetValue<string>(), top["frequency"]!.GetValue<int>(), top["size"]!.GetValue<int>()));
        Assert.Equal(Math.Round(100.0 * expected["fun"] / normal.Count, 1), top["percentage"]!.GetValue<double>());
        Assert.Equal(expected.Count, results["most_common_words"]!.AsArray().Count);
        Assert.False(results["allow_phrases"]!.GetValue<bool>());
        // Ours beside them: the most common spelling, counted case-insensitively.
        Assert.Equal(normal.Count, results["total_words"]!.GetValue<int>());
        Assert.Equal("word_cloud_results", (await _legacy.FrameworkResultsAsync(cloud))["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(Door.SessionRoute)]
    [InlineData(Door.FrameworkRoute)]
    [InlineData(Door.Hub)]
    public async Task WordCloud_LegacySettings_RefuseBannedWordsPhrasesAndTooMany_WithReadableMessages(Door door)
    {
        var session = await _api.CreateSessionAsync();
        var cloud = await _api.CreateActiveActivityAsync(session, "word_cloud", LegacyConfig);
        var participant = await _api.JoinAsync(session, "P");

        Assert.Contains("not allowed", await _legacy.RefusedAsync(door, participant, cloud, new { words = new[] { "Boring!" } }, HttpStatusCode.UnprocessableEntity));
        Assert.Contains("is a phrase", await _legacy.RefusedAsync(door, participant, cloud, new { words = new[] { "so good" } }, HttpStatusCode.UnprocessableEntity));
        Assert.Contains("at most 2 word(s) per response", await _legacy.RefusedAsync(door, participant, cloud, new { words = new[] { "a", "b", "c" } }, HttpStatusCode.UnprocessableEntity));
        Assert.Contains("at most 12 characters", await _legacy.RefusedAsync(door, participant, cloud, new { words = new[] { "extraordinarily" } }, HttpStatusCode.UnprocessableEntity));

        Assert.Equal(0, (await _legacy.ResultsAsync(cloud))["total_word_submissions"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(Door.SessionRoute)]
    [InlineData(Door.FrameworkRoute)]
    [InlineData(Door.Hub)]
    public async Task WordCap_AppliesAcrossResponses_PerParticipant(Door door)
    {
        const int cap = 3;
        var session = await _api.CreateSessionAsync();
        var cloud = await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "Words", max_words_per_participant = cap });
        var alice = await _api.JoinAsync(session, "Alice");
        var bob = await _api.JoinAsync(session, "Bob");

        await _legacy.SubmitAsync(door, alice, cloud, new { words = new[] { "one", "two" } });
        var refusal = await _legacy.RefusedAsync(door, alice, cloud, new { words = new[] { "three", "four" } }, HttpStatusCode.Conflict);
        await _legacy.SubmitAsync(door, alice, cloud, new { word = "three" });
        await _legacy.RefusedAsync(door, alice, cloud, new { word = "four" }, HttpStatusCode.Conflict);
        await _legacy.SubmitAsync(door, bob, cloud, new { words = new[] { "x", "y", "z" } });

        Assert.Contains($"at most {cap} word(s) per participant", refusal);
        Assert.Equal(2 * cap, (await _legacy.ResultsAsync(cloud))["total_words"]!.GetValue<int>());
    }

    [Fact]
    public async Task WordCap_AnEditThatWouldPassTheCap_IsRefused_AndAnEditWithinItIsTaken()
    {
        const int cap = 3;
        var session = await _api.CreateSessionAsync();
        var cloud = await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "Words", max_words_per_participant = cap });
        var alice = await _api.JoinAsync(session, "Alice");
        await _legacy.SubmitAsync(Door.SessionRoute, alice, cloud, new { words = new[] { "one", "two" } });
        var single = await _legacy.SubmitAsync(Door.SessionRoute, alice, cloud, new { word = "three" });

        var over = await _api.SendAsync(HttpMethod.Put, $"/api/v1/responses/{single}", new { response_data = new { words = new[] { "three", "four" } } }, token: alice.Token);
        var within = await _api.SendAsync(HttpMethod.Put, $"/api/v1/responses/{single}", new { response_data = new { word = "four" } }, token: alice.Token);

        Assert.Contains($"at most {cap} word(s) per participant", (await Api.ProblemAsync(over, HttpStatusCode.Conflict)).ToJsonString());
        await Api.ReadAsync(within, HttpStatusCode.OK);
        var results = await _legacy.ResultsAsync(cloud);
        Assert.Equal(cap, results["total_words"]!.GetValue<int>());
        Assert.Contains(results["words"]!.AsArray(), w => w!["text"]!.GetValue<string>() == "four");
    }

    [Fact]
    public async Task WordCap_ConcurrentBurstFromOneParticipant_CannotExceedTheCap()
    {
        const int cap = 3;
        const int burst = 12;
        var session = await _api.CreateSessionAsync();
        var cloud = await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "Words", max_words_per_participant = cap });
        var flooder = await _api.JoinAsync(session, "Flooder");

        var answers = await Task.WhenAll(Enumerable.Range(0, burst).Select(i => _api.SubmitAsync(flooder, cloud, new { word = $"w{i}" })));

        Assert.Equal(cap, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.Equal(burst - cap, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(cap, (await _legacy.ResultsAsync(cloud))["total_words"]!.GetValue<int>());
    }

    [Fact]
    public async Task WordCap_OfALegacyConfigWithOnlyMaxWordsPerSubmission_IsThatNumber()
    {
        var session = await _api.CreateSessionAsync();
        var cloud = await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "Words", max_words_per_submission = 4 });
        var participant = await _api.JoinAsync(session, "P");

        await _legacy.SubmitAsync(Door.SessionRoute, participant, cloud, new { words = new[] { "a", "b", "c" } });
        await _legacy.SubmitAsync(Door.SessionRoute, participant, cloud, new { word = "d" });
        await _legacy.RefusedAsync(Door.SessionRoute, participant, cloud, new { word = "e" }, HttpStatusCode.Conflict);

        Assert.Equal(4, (await _legacy.ResultsAsync(cloud))["total_words"]!.GetValue<int>());
    }
}
