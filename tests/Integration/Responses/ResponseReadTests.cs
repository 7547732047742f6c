using System.Net;
using Conflicto.Tests.Integration.Activities;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Responses;

/// <summary>Reading responses: the activity listing, one participant's answer, and a participant's answers across the session.</summary>
[Collection(ApiCollection.Name)]
public sealed class ResponseReadTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task List_PagesInOrder_WithSummaryOverAllResponses()
    {
        var session = await _api.CreateSessionAsync();
        var p = await _api.JoinManyAsync(session, 3);
        var id = await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "Mood?" });
        foreach (var (participant, word) in new[] { (p[0], "a"), (p[1], "b"), (p[0], "c"), (p[2], "d"), (p[0], "e") })
            await _api.SubmitOkAsync(participant, id, new { word });

        var page = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/activities/{id}/responses?offset=1&limit=2");

        Assert.Equal(["b", "c"], page["responses"]!.AsArray().Select(r => r!["response_data"]!["word"]!.GetValue<string>()).ToArray());
        Assert.Equal(5, page["summary"]!["total_responses"]!.GetValue<int>());
        Assert.Equal(3, page["summary"]!["unique_participants"]!.GetValue<int>());
        Assert.NotNull(page["summary"]!["last_updated"]);
        Assert.Equal(1, page["offset"]!.GetValue<int>());
        Assert.Equal(2, page["limit"]!.GetValue<int>());
    }

    [Fact]
    public async Task List_OfActivityInAnotherSessionOrUnknown_Is404_AndBadPagingIs422()
    {
        var session = await _api.CreateSessionAsync();
        var other = await _api.CreateSessionAsync();
        var foreign = await _api.CreateActivityAsync(other, "custom", new { });

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}/activities/{foreign}/responses"), HttpStatusCode.NotFound);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}/activities/{Guid.NewGuid()}/responses"), HttpStatusCode.NotFound);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{other.Id}/activities/{foreign}/responses?limit=0"),
            HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task List_OfAnonymousPoll_HidesParticipantsFromHostAndReaders_ButShowsTheAuthorTheirOwn()
    {
        var session = await _api.CreateSessionAsync();
        var p = await _api.JoinManyAsync(session, 2);
        var id = await _api.CreateActiveActivityAsync(session, "poll", new { question = "Secret?", options = new[] { "Yes", "No" }, anonymous_voting = true });
        await _api.SubmitOkAsync(p[0], id, new { option_index = 0 });
        await _api.SubmitOkAsync(p[1], id, new { option_index = 1 });
        var url = $"/api/v1/sessions/{session.Id}/activities/{id}/responses";

        var asHost = await _api.GetJsonAsync(url, adminCode: session.AdminCode);
        var asNobody = await _api.GetJsonAsync(url);
        var asAuthor = await _api.GetJsonAsync(url, token: p[0].Token);

        Assert.All(asHost["responses"]!.AsArray(), r => Assert.Null(r!["participant_id"]));
        Assert.All(asNobody["responses"]!.AsArray(), r => Assert.Null(r!["participant_id"]));
        Assert.Equal([p[0].Id, null], asAuthor["responses"]!.AsArray().Select(r => r!["participant_id"]?.GetValue<int>()).ToArray());
        Assert.Equal(2, asHost["summary"]!["unique_participants"]!.GetValue<int>());
    }

    [Fact]
    public async Task List_OfNonAnonymousActivity_ShowsParticipants()
    {
        var session = await _api.CreateSessionAsync();
        var participant = await _api.JoinAsync(session, "Ada");
        var id = await _api.CreateActiveActivityAsync(session, "poll", ActivityTestApi.Poll("Yes", "No"));
        await _api.SubmitOkAsync(participant, id, new { option_index = 0 });

        var list = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/activities/{id}/responses");

        Assert.Equal(participant.Id, Assert.Single(list["responses"]!.AsArray())!["participant_id"]!.GetValue<int>());
    }

    [Fact]
    public async Task GetForParticipant_OnAnonymousActivity_HostIs403_AuthorIs200()
    {
        var session = await _api.CreateSessionAsync();
        var p = await _api.JoinManyAsync(session, 2);
        var id = await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "Honest feedback", allow_anonymous = true });
        await _api.SubmitOkAsync(p[0], id, new { word = "slow" });
        var url = $"/api/v1/sessions/{session.Id}/activities/{id}/responses/{p[0].Id}";

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, url, adminCode: session.AdminCode), HttpStatusCode.Forbidden);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, url, token: p[1].Token), HttpStatusCode.Forbidden);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, url), HttpStatusCode.Unauthorized);
        var own = await _api.GetJsonAsync(url, token: p[0].Token);
        Assert.Equal("slow", own["response_data"]!["word"]!.GetValue<string>());
        Assert.Equal(p[0].Id, own["participant_id"]!.GetValue<int>());
    }

    [Fact]
    public async Task GetForParticipant_OnNonAnonymousActivity_HostReadsTheLatest_AndNoResponseIsJsonNull()
    {
        var session = await _api.CreateSessionAsync();
        var p = await _api.JoinManyAsync(session, 2);
        var id = await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "Mood?" });
        await _api.SubmitOkAsync(p[0], id, new { word = "first" });
        await _api.SubmitOkAsync(p[0], id, new { word = "second" });
        var baseUrl = $"/api/v1/sessions/{session.Id}/activities/{id}/responses";

        var latest = await _api.GetJsonAsync($"{baseUrl}/{p[0].Id}", adminCode: session.AdminCode);
        var none = await _api.SendAsync(HttpMethod.Get, $"{baseUrl}/{p[1].Id}", token: p[1].Token);

        Assert.Equal("second", latest["response_data"]!["word"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Equal("null", (await none.Content.ReadAsStringAsync()).Trim());
        Assert.Equal("application/json", none.Content.Headers.ContentType?.MediaType);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}/activities/{Guid.NewGuid()}/responses/{p[0].Id}",
            adminCode: session.AdminCode), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ListForParticipant_SelfSeesAll_HostMissesAnonymousOnes_OthersAre403()
    {
        var session = await _api.CreateSessionAsync();
        var other = await _api.CreateSessionAsync();
        var p = await _api.JoinManyAsync(session, 2);
        var secret = await _api.CreateActiveActivityAsync(session, "poll", new { question = "Secret?", options = new[] { "Yes", "No" }, anonymous_voting = true });
        var open = await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "Mood?" }, keepOthersOpen: true);
        var secretResponse = await _api.SubmitIdAsync(p[0], secret, new { option_index = 1 });
        var openResponse = await _api.SubmitIdAsync(p[0], open, new { word = "calm" });
        await _api.SubmitOkAsync(p[1], open, new { word = "other" });
        var url = $"/api/v1/sessions/{session.Id}/participants/{p[0].Id}/responses";

        var self = await _api.GetJsonAsync(url, token: p[0].Token);
        var host = await _api.GetJsonAsync(url, adminCode: session.AdminCode);

        Assert.Equal([secretResponse, openResponse], self.AsArray().Select(r => r!.Id()).ToArray());
        Assert.Equal([openResponse], host.AsArray().Select(r => r!.Id()).ToArray());
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, url, token: p[1].Token), HttpStatusCode.Forbidden);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, url, adminCode: other.AdminCode), HttpStatusCode.Forbidden);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, url), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ListForParticipant_Pages()
    {
        var session = await _api.CreateSessionAsync();
        var participant = await _api.JoinAsync(session, "Ada");
        var id = await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "Mood?" });
        foreach (var word in new[] { "a", "b", "c" }) await _api.SubmitOkAsync(participant, id, new { word });

        var page = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/participants/{participant.Id}/responses?offset=2&limit=5", token: participant.Token);

        Assert.Equal("c", Assert.Single(page.AsArray())!["response_data"]!["word"]!.GetValue<string>());
    }
}
