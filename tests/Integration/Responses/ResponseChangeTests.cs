using System.Net;
using Conflicto.Tests.Integration.Activities;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Responses;

/// <summary>PUT and DELETE /responses/{id}: who may change a response, and when.</summary>
[Collection(ApiCollection.Name)]
public sealed class ResponseChangeTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task Update_ByAuthor_ReplacesDataMovesCursorAndResults()
    {
        var session = await _api.CreateSessionAsync();
        var participant = await _api.JoinAsync(session, "Ada");
        var id = await _api.CreateActiveActivityAsync(session, "poll", ActivityTestApi.Poll("Yes", "No"));
        var created = await _api.SubmitOkAsync(participant, id, new { option_index = 0 });

        var response = await _api.SendAsync(HttpMethod.Put, $"/api/v1/responses/{created.Id()}",
            new { response_data = new { option_index = 1 } }, token: participant.Token);

        var updated = await Api.ReadAsync(response, HttpStatusCode.OK);
        Assert.Equal(created.Id(), updated.Id());
        Assert.Equal(1, updated["response_data"]!["option_index"]!.GetValue<int>());
        Assert.True(updated["cursor"]!.GetValue<long>() > created["cursor"]!.GetValue<long>());
        Assert.True(updated["updated_at"]!.GetValue<DateTime>() > updated["created_at"]!.GetValue<DateTime>());
        var options = (await _api.ResultsAsync(id))["results"]!["options"]!;
        Assert.Equal(0, options[0]!["votes"]!.GetValue<int>());
        Assert.Equal(1, options[1]!["votes"]!.GetValue<int>());
        Assert.Equal(1, (await _api.ActivityAsync(id))["response_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Update_ByAnotherParticipantOrWithoutToken_IsRefused_AndChangesNothing()
    {
        var session = await _api.CreateSessionAsync();
        var p = await _api.JoinManyAsync(session, 2);
        var id = await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "Mood?" });
        var responseId = await _api.SubmitIdAsync(p[0], id, new { word = "calm" });
        var url = $"/api/v1/responses/{responseId}";
        var body = new { response_data = new { word = "hacked" } };

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Put, url, body, token: p[1].Token), HttpStatusCode.Forbidden);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Put, url, body), HttpStatusCode.Unauthorized);

        var own = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/activities/{id}/responses/{p[0].Id}", token: p[0].Token);
        Assert.Equal("calm", own["response_data"]!["word"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"response_data":{"option_index":5}}""")]
    [InlineData("""{"response_data":"Yes"}""")]
    [InlineData("""{}""")]
    public async Task Update_WithInvalidData_Is422(string json)
    {
        var session = await _api.CreateSessionAsync();
        var participant = await _api.JoinAsync(session, "Ada");
        var id = await _api.CreateActiveActivityAsync(session, "poll", ActivityTestApi.Poll("Yes", "No"));
        var responseId = await _api.SubmitIdAsync(participant, id, new { option_index = 0 });

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/responses/{responseId}",
            System.Text.Json.Nodes.JsonNode.Parse(json), token: participant.Token), HttpStatusCode.UnprocessableEntity);

        Assert.Equal(1, (await _api.ResultsAsync(id))["results"]!["options"]![0]!["votes"]!.GetValue<int>());
    }

    [Fact]
    public async Task Update_AfterTheActivityClosed_Is409()
    {
        var session = await _api.CreateSessionAsync();
        var participant = await _api.JoinAsync(session, "Ada");
        var id = await _api.CreateActiveActivityAsync(session, "poll", ActivityTestApi.Poll("Yes", "No"));
        var responseId = await _api.SubmitIdAsync(participant, id, new { option_index = 0 });
        await _api.TransitionAsync(session, id, "expired");

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/responses/{responseId}",
            new { response_data = new { option_index = 1 } }, token: participant.Token), HttpStatusCode.Conflict);

        Assert.Equal(1, (await _api.ResultsAsync(id))["results"]!["options"]![0]!["votes"]!.GetValue<int>());
    }

    [Fact]
    public async Task UpdateOrDelete_UnknownResponse_Is404()
    {
        var session = await _api.CreateSessionAsync();
        var participant = await _api.JoinAsync(session, "Ada");
        var url = $"/api/v1/responses/{Guid.NewGuid()}";

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Put, url, new { response_data = new { word = "x" } }, token: participant.Token), HttpStatusCode.NotFound);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Delete, url, adminCode: session.AdminCode), HttpStatusCode.NotFound);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Delete, "/api/v1/responses/not-a-uuid", adminCode: session.AdminCode), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Delete_ByAuthorWhileActive_Is204_AndDecrementsTheCount()
    {
        var session = await _api.CreateSessionAsync();
        var participant = await _api.JoinAsync(session, "Ada");
        var id = await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "Mood?" });
        var keep = await _api.SubmitIdAsync(participant, id, new { word = "calm" });
        var drop = await _api.SubmitIdAsync(participant, id, new { word = "oops" });

        var response = await _api.SendAsync(HttpMethod.Delete, $"/api/v1/responses/{drop}", token: participant.Token);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(1, (await _api.ActivityAsync(id))["response_count"]!.GetValue<int>());
        var list = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/activities/{id}/responses");
        Assert.Equal(keep, Assert.Single(list["responses"]!.AsArray())!.Id());
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Delete, $"/api/v1/responses/{drop}", token: participant.Token), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_ByAuthorAfterClose_Is409_ButTheHostMayStillRemoveIt()
    {
        var session = await _api.CreateSessionAsync();
        var participant = await _api.JoinAsync(session, "Ada");
        var id = await _api.CreateActiveActivityAsync(session, "qa", new { });
        var question = await _api.SubmitIdAsync(participant, id, new { question = "Rude question?" });
        await _api.TransitionAsync(session, id, "expired");

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Delete, $"/api/v1/responses/{question}", token: participant.Token), HttpStatusCode.Conflict);
        Assert.Equal(1, (await _api.ActivityAsync(id))["response_count"]!.GetValue<int>());

        var removed = await _api.SendAsync(HttpMethod.Delete, $"/api/v1/responses/{question}", adminCode: session.AdminCode);

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(0, (await _api.ActivityAsync(id))["response_count"]!.GetValue<int>());
        Assert.Empty((await _api.ResultsAsync(id))["results"]!["questions"]!.AsArray());
    }

    [Fact]
    public async Task Delete_ByAnotherParticipantOrAnotherSessionsHost_Is403_AndWithoutCredentials401()
    {
        var session = await _api.CreateSessionAsync();
        var other = await _api.CreateSessionAsync();
        var p = await _api.JoinManyAsync(session, 2);
        var id = await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "Mood?" });
        var responseId = await _api.SubmitIdAsync(p[0], id, new { word = "calm" });
        var url = $"/api/v1/responses/{responseId}";

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Delete, url, token: p[1].Token), HttpStatusCode.Forbidden);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Delete, url, adminCode: other.AdminCode), HttpStatusCode.Forbidden);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Delete, url), HttpStatusCode.Unauthorized);

        Assert.Equal(1, (await _api.ActivityAsync(id))["response_count"]!.GetValue<int>());
    }
}
