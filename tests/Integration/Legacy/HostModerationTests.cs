using System.Net;
using System.Text.Json;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Realtime;
using Microsoft.AspNetCore.SignalR.Client;
using static Conflicto.Tests.Integration.Legacy.LegacyClient;

namespace Conflicto.Tests.Integration.Legacy;

/// <summary>A host's approve / reject takes effect on every activity, also one created without moderation: true.</summary>
[Collection(ApiCollection.Name)]
public sealed class HostModerationTests(ConflictoApiFactory factory) : LegacyTests(factory)
{
    private Task<HttpResponseMessage> ModerateAsync(Api.Session session, Guid response, string decision) =>
        _api.SendAsync(HttpMethod.Post, $"/api/v1/responses/{response}/moderation", new { decision }, adminCode: session.AdminCode);

    [Theory]
    [InlineData("qa")]
    [InlineData("qna")]
    public async Task HostReject_OnAnUnmoderatedQa_HidesTheQuestion_ApproveShowsItAgain_OnRestAndHub(string type)
    {
        var session = await _api.CreateSessionAsync();
        var qa = await _api.CreateActiveActivityAsync(session, type, new { topic = "Ask" });
        var asker = await _api.JoinAsync(session, "Asker");
        var results = new List<JsonElement>();
        await using var viewer = Factory.HubClient(null);
        viewer.Connection.On<JsonElement>("Results", r => { lock (results) results.Add(r); });
        await viewer.StartAsync();
        await viewer.JoinAsync(session.Id, joinCode: session.JoinCode);
        var kept = await _legacy.SubmitAsync(Door.SessionRoute, asker, qa, new { type = "question", question_text = "Kept?" });
        var troll = await _legacy.SubmitAsync(Door.Hub, asker, qa, new { question = "Troll" });
        await WaitForPushAsync(results, qa, questions: 2);

        await Api.ReadAsync(await ModerateAsync(session, troll, "reject"), HttpStatusCode.OK);

        var rest = await _legacy.ResultsAsync(qa);
        Assert.Equal([kept], rest["questions"]!.AsArray().Select(q => q!.Id()));
        Assert.Equal([kept], rest["approved_questions"]!.AsArray().Select(q => q!.Id()));
        await WaitForPushAsync(results, qa, questions: 1);

        await Api.ReadAsync(await ModerateAsync(session, troll, "approve"), HttpStatusCode.OK);

        Assert.Equal(2, (await _legacy.ResultsAsync(qa))["total_questions"]!.GetValue<int>());
        await WaitForPushAsync(results, qa, questions: 2);
    }

    [Fact]
    public async Task HostReject_OnAnUnmoderatedWordCloud_HidesTheWords()
    {
        var session = await _api.CreateSessionAsync();
        var cloud = await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "Words" });
        var people = new[] { await _api.JoinAsync(session, "A"), await _api.JoinAsync(session, "B") };
        await _legacy.SubmitAsync(Door.SessionRoute, people[0], cloud, new { word = "calm" });
        var rude = await _legacy.SubmitAsync(Door.FrameworkRoute, people[1], cloud, new { words = new[] { "rude", "words" } });

        await Api.ReadAsync(await ModerateAsync(session, rude, "reject"), HttpStatusCode.OK);

        var results = await _legacy.ResultsAsync(cloud);
        Assert.Equal(1, results["total_words"]!.GetValue<int>());
        Assert.Equal(["calm"], results["word_frequencies"]!.Counts().Keys);
    }

    /// <summary>Waits for a coalesced Results push of the activity with exactly this many questions.</summary>
    private static async Task WaitForPushAsync(List<JsonElement> pushes, Guid activity, int questions)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            lock (pushes)
            {
                var last = pushes.LastOrDefault(p => p.GetProperty("activityId").GetGuid() == activity);
                if (last.ValueKind == JsonValueKind.Object && last.GetProperty("results").GetProperty("questions").GetArrayLength() == questions
                    && last.GetProperty("results").GetProperty("approved_questions").GetArrayLength() == questions)
                    return;
            }
            await Task.Delay(20);
        }
        Assert.Fail($"no Results push with {questions} question(s) arrived");
    }
}
