using System.Net;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Activities;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Responses;

/// <summary>Submitting responses through the session route and the framework route: access, state and data rules.</summary>
[Collection(ApiCollection.Name)]
public sealed class ResponseSubmitTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task Submit_ViaSessionRoute_Is201_WithTheStoredResponse()
    {
        var session = await _api.CreateSessionAsync();
        var participant = await _api.JoinAsync(session, "Ada");
        var id = await _api.CreateActiveActivityAsync(session, "poll", ActivityTestApi.Poll("Yes", "No"));

        var response = await _api.SubmitAsync(participant, id, new { option_index = 1 });

        var body = await Api.ReadAsync(response, HttpStatusCode.Created);
        Assert.Equal(1, body["response_data"]!["option_index"]!.GetValue<int>());
        Assert.Equal(participant.Id, body["participant_id"]!.GetValue<int>());
        Assert.Equal(id, Guid.Parse(body["activity_id"]!.GetValue<string>()));
        Assert.Equal(session.Id, body["session_id"]!.GetValue<int>());
        Assert.True(body["cursor"]!.GetValue<long>() > 0);
        Assert.Equal($"/api/v1/responses/{body.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal(1, (await _api.ActivityAsync(id))["response_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Submit_ViaFrameworkRoute_Is200_AndCounts()
    {
        var session = await _api.CreateSessionAsync();
        var participant = await _api.JoinAsync(session, "Ada");
        var id = await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "Mood?" });

        var response = await FrameworkSubmitAsync(participant.Token, id, new { word = "calm" }, $"?participant_id={participant.Id}");

        var body = await Api.ReadAsync(response, HttpStatusCode.OK);
        Assert.Equal("calm", body["response_data"]!["word"]!.GetValue<string>());
        Assert.Equal(participant.Id, body["participant_id"]!.GetValue<int>());
        Assert.Equal(1, (await _api.ActivityAsync(id))["response_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Submit_WithoutToken_Is401_OnBothRoutes()
    {
        var session = await _api.CreateSessionAsync();
        var id = await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "Mood?" });

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Post, $"/api/v1/sessions/{session.Id}/activities/{id}/responses",
            new { response_data = new { word = "x" } }), HttpStatusCode.Unauthorized);
        await Api.ProblemAsync(await FrameworkSubmitAsync(null, id, new { word = "x" }), HttpStatusCode.Unauthorized);
        await Api.ProblemAsync(await FrameworkSubmitAsync("not-a-real-token", id, new { word = "x" }), HttpStatusCode.Unauthorized);
        Assert.Equal(0, (await _api.ActivityAsync(id))["response_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Submit_WithRevokedToken_Is401()
    {
        var session = await _api.CreateSessionAsync();
        var participant = await _api.JoinAsync(session, "Ada");
        var id = await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "Mood?" });
        var left = await _api.SendAsync(HttpMethod.Delete, $"/api/v1/participants/{participant.Id}", token: participant.Token);
        Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);

        await Api.ProblemAsync(await _api.SubmitAsync(participant, id, new { word = "x" }), HttpStatusCode.Unauthorized);
        await Api.ProblemAsync(await FrameworkSubmitAsync(participant.Token, id, new { word = "x" }), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Submit_WithAnotherSessionsToken_Is403_OnBothRoutes()
    {
        var session = await _api.CreateSessionAsync();
        var other = await _api.CreateSessionAsync();
        var stranger = await _api.JoinAsync(other, "Eve");
        var id = await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "Mood?" });

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Post, $"/api/v1/sessions/{session.Id}/activities/{id}/responses",
            new { response_data = new { word = "x" } }, token: stranger.Token), HttpStatusCode.Forbidden);
        await Api.ProblemAsync(await FrameworkSubmitAsync(stranger.Token, id, new { word = "x" }), HttpStatusCode.Forbidden);
        // Naming the stranger's own session in the URL does not help: the activity is not in it.
        await Api.ProblemAsync(await _api.SubmitAsync(stranger, id, new { word = "x" }), HttpStatusCode.Forbidden);
        Assert.Equal(0, (await _api.ActivityAsync(id))["response_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Submit_WithParticipantIdQueryNotMatchingTheToken_Is403_OnBothRoutes()
    {
        var session = await _api.CreateSessionAsync();
        var ada = await _api.JoinAsync(session, "Ada");
        var bob = await _api.JoinAsync(session, "Bob");
        var id = await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "Mood?" });

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Post, $"/api/v1/sessions/{session.Id}/activities/{id}/responses?participant_id={bob.Id}",
            new { response_data = new { word = "x" } }, token: ada.Token), HttpStatusCode.Forbidden);
        await Api.ProblemAsync(await FrameworkSubmitAsync(ada.Token, id, new { word = "x" }, $"?participant_id={bob.Id}"), HttpStatusCode.Forbidden);
        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Post, $"/api/v1/sessions/{session.Id}/activities/{id}/responses?participant_id={ada.Id}",
            new { response_data = new { word = "x" } }, token: ada.Token), HttpStatusCode.Created);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Submit_ToADraftOrExpiredActivity_Is409(bool expired)
    {
        var session = await _api.CreateSessionAsync();
        var participant = await _api.JoinAsync(session, "Ada");
        var id = expired
            ? await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "Mood?" })
            : await _api.CreateActivityAsync(session, "word_cloud", new { prompt = "Mood?" });
        if (expired) await _api.TransitionAsync(session, id, "expired");

        await Api.ProblemAsync(await _api.SubmitAsync(participant, id, new { word = "late" }), HttpStatusCode.Conflict);
        await Api.ProblemAsync(await FrameworkSubmitAsync(participant.Token, id, new { word = "late" }), HttpStatusCode.Conflict);

        Assert.Equal(0, (await _api.ActivityAsync(id, session.AdminCode))["response_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Submit_SecondPollAnswer_Is409_ButWordCloudTakesSeveral()
    {
        var session = await _api.CreateSessionAsync();
        var participant = await _api.JoinAsync(session, "Ada");
        var poll = await _api.CreateActiveActivityAsync(session, "poll", ActivityTestApi.Poll("Yes", "No"));
        var cloud = await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "Mood?" }, keepOthersOpen: true);

        await _api.SubmitOkAsync(participant, poll, new { option_index = 0 });
        await Api.ProblemAsync(await _api.SubmitAsync(participant, poll, new { option_index = 1 }), HttpStatusCode.Conflict);
        await Api.ProblemAsync(await FrameworkSubmitAsync(participant.Token, poll, new { option_index = 1 }), HttpStatusCode.Conflict);
        await _api.SubmitOkAsync(participant, cloud, new { word = "calm" });
        await _api.SubmitOkAsync(participant, cloud, new { word = "calm" });
        await _api.SubmitOkAsync(participant, cloud, new { word = "happy" });

        Assert.Equal(1, (await _api.ActivityAsync(poll))["response_count"]!.GetValue<int>());
        Assert.Equal(3, (await _api.ActivityAsync(cloud))["response_count"]!.GetValue<int>());
        Assert.Equal(0, (await _api.ResultsAsync(poll))["results"]!["options"]![1]!["votes"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"response_data":null}""")]
    [InlineData("""{"response_data":"calm"}""")]
    [InlineData("""{"response_data":["calm"]}""")]
    [InlineData("""{"response_data":{}}""")]
    [InlineData("""{"response_data":{"words":["a","b","c","d"]}}""")]
    public async Task Submit_WithMissingOrInvalidResponseData_Is422(string json)
    {
        var session = await _api.CreateSessionAsync();
        var participant = await _api.JoinAsync(session, "Ada");
        var id = await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "Mood?" });

        var problem = await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Post, $"/api/v1/sessions/{session.Id}/activities/{id}/responses",
            JsonNode.Parse(json), token: participant.Token), HttpStatusCode.UnprocessableEntity);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Post, $"/api/v1/activities/{id}/responses",
            JsonNode.Parse(json), token: participant.Token), HttpStatusCode.UnprocessableEntity);

        Assert.NotNull(problem["errors"]!["response_data"]);
        Assert.Equal(0, (await _api.ActivityAsync(id))["response_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Submit_ToUnknownActivity_Is404_OnBothRoutes()
    {
        var session = await _api.CreateSessionAsync();
        var participant = await _api.JoinAsync(session, "Ada");

        await Api.ProblemAsync(await _api.SubmitAsync(participant, Guid.NewGuid(), new { word = "x" }), HttpStatusCode.NotFound);
        await Api.ProblemAsync(await FrameworkSubmitAsync(participant.Token, Guid.NewGuid(), new { word = "x" }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Submit_ToUnknownType_AcceptsAnyObject()
    {
        var session = await _api.CreateSessionAsync();
        var participant = await _api.JoinAsync(session, "Ada");
        var id = await _api.CreateActiveActivityAsync(session, "bingo", new { });

        var body = await _api.SubmitOkAsync(participant, id, new { cells = new[] { 1, 5, 9 }, shout = "BINGO" });

        Assert.Equal("BINGO", body["response_data"]!["shout"]!.GetValue<string>());
    }

    private Task<HttpResponseMessage> FrameworkSubmitAsync(string? token, Guid activityId, object responseData, string query = "") =>
        _api.SendAsync(HttpMethod.Post, $"/api/v1/activities/{activityId}/responses{query}", new { response_data = responseData }, token: token);
}
