using System.Net;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Activities;

/// <summary>The polling views: the session's active activity, and one activity's status.</summary>
[Collection(ApiCollection.Name)]
public sealed class ActivityStatusTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task GetActive_WithNoActiveActivity_IsJsonNull()
    {
        var session = await _api.CreateSessionAsync();
        await _api.CreateActivityAsync(session, "custom", new { });

        var response = await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}/activities/active");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("null", (await response.Content.ReadAsStringAsync()).Trim());
    }

    [Fact]
    public async Task GetActive_AfterActivation_ReturnsTheMostRecentlyStartedOne()
    {
        var session = await _api.CreateSessionAsync();
        await _api.CreateActiveActivityAsync(session, "custom", new { }, "First");
        var second = await _api.CreateActiveActivityAsync(session, "custom", new { }, "Second");

        var active = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/activities/active");

        Assert.Equal(second, active.Id());
        Assert.Equal("Second", active["title"]!.GetValue<string>());
        Assert.True(active["is_active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task GetActive_AfterTheActivityExpires_IsNullAgain()
    {
        var session = await _api.CreateSessionAsync();
        var id = await _api.CreateActiveActivityAsync(session, "custom", new { });
        Assert.Equal(id, (await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/activities/active")).Id());

        await _api.TransitionAsync(session, id, "expired");

        var response = await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}/activities/active");
        Assert.Equal("null", (await response.Content.ReadAsStringAsync()).Trim());
    }

    [Fact]
    public async Task GetActive_OfUnknownSession_Is404()
    {
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, "/api/v1/sessions/987654321/activities/active"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetStatus_ReportsStatusStateAndCounts()
    {
        var session = await _api.CreateSessionAsync();
        var id = await _api.CreateActivityAsync(session, "custom", new { });

        var status = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/activities/{id}/status", adminCode: session.AdminCode); // a draft: the host's

        Assert.Equal(id, Guid.Parse(status["activity_id"]!.GetValue<string>()));
        Assert.Equal("draft", status["status"]!.GetValue<string>());
        Assert.Equal("draft", status["state"]!.GetValue<string>());
        Assert.Equal(0, status["response_count"]!.GetValue<int>());
        Assert.Null(status["last_response_at"]);
        Assert.NotNull(status["last_updated"]);
    }

    [Fact]
    public async Task GetStatus_OfAnotherSessionsActivity_Is404()
    {
        var session = await _api.CreateSessionAsync();
        var other = await _api.CreateSessionAsync();
        var id = await _api.CreateActivityAsync(other, "custom", new { });

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}/activities/{id}/status"), HttpStatusCode.NotFound);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}/activities/{Guid.NewGuid()}/status"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetStatus_WhenAResponseArrives_LastUpdatedMovesAndCountGrows()
    {
        var session = await _api.CreateSessionAsync();
        var participant = await _api.JoinAsync(session, "Ada");
        var id = await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "One word" });
        var url = $"/api/v1/sessions/{session.Id}/activities/{id}/status";
        var before = await _api.GetJsonAsync(url);

        await _api.SubmitOkAsync(participant, id, new { word = "calm" });

        var after = await _api.GetJsonAsync(url);
        Assert.Equal("active", after["status"]!.GetValue<string>());
        Assert.Equal(1, after["response_count"]!.GetValue<int>());
        Assert.NotNull(after["last_response_at"]);
        Assert.True(after["last_updated"]!.GetValue<DateTime>() > before["last_updated"]!.GetValue<DateTime>(),
            $"last_updated did not move: {before["last_updated"]} -> {after["last_updated"]}");
        Assert.Equal(after["last_response_at"]!.GetValue<DateTime>(), after["last_updated"]!.GetValue<DateTime>());
    }
}
