using System.Net;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Sessions;

/// <summary>GET /api/v1/sessions/{id}/status: the cheap view pollers watch for changes.</summary>
[Collection(ApiCollection.Name)]
public sealed class SessionStatusTests(ConflictoApiFactory factory)
{
    private static readonly object Poll = new { question = "Tea or coffee?", options = new[] { "Tea", "Coffee" } };
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task GetStatus_NewSession_IsDraftWithNobodyAndNoActivity()
    {
        var session = await _api.CreateSessionAsync();

        var status = await StatusAsync(session);

        Assert.Equal(session.Id, status["session_id"]!.GetValue<int>());
        Assert.Equal("draft", status["status"]!.GetValue<string>());
        Assert.Equal(0, status["participant_count"]!.GetValue<int>());
        Assert.Null(status["current_activity_id"]);
        Assert.Equal(1, status["last_seq"]!.GetValue<long>());
    }

    [Fact]
    public async Task GetStatus_AfterJoin_CountsParticipantAndMovesLastUpdated()
    {
        var session = await _api.CreateSessionAsync();
        var before = await StatusAsync(session);

        await _api.JoinAsync(session, "Ada");
        await _api.JoinAsync(session, "Bob");
        var after = await StatusAsync(session);

        Assert.Equal(2, after["participant_count"]!.GetValue<int>());
        Assert.True(LastUpdated(after) > LastUpdated(before), $"{LastUpdated(after):O} should be after {LastUpdated(before):O}");
        Assert.Equal(before["last_seq"]!.GetValue<long>() + 2, after["last_seq"]!.GetValue<long>());
    }

    [Fact]
    public async Task GetStatus_AfterResponse_MovesLastUpdated()
    {
        var session = await _api.CreateSessionAsync();
        var ada = await _api.JoinAsync(session, "Ada");
        var poll = await _api.CreateActiveActivityAsync(session, "poll", Poll);
        var before = await StatusAsync(session);

        await Api.ReadAsync(await _api.SubmitAsync(ada, poll, new { option_index = 1 }), HttpStatusCode.Created);
        var after = await StatusAsync(session);

        Assert.True(LastUpdated(after) > LastUpdated(before), $"{LastUpdated(after):O} should be after {LastUpdated(before):O}");
        Assert.True(after["last_seq"]!.GetValue<long>() > before["last_seq"]!.GetValue<long>());
    }

    [Fact]
    public async Task GetStatus_HeartbeatDoesNotMoveLastUpdated()
    {
        var session = await _api.CreateSessionAsync();
        var ada = await _api.JoinAsync(session, "Ada");
        var before = await StatusAsync(session);

        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Post, $"/api/v1/participants/{ada.Id}/heartbeat", new { }, token: ada.Token), HttpStatusCode.OK);
        var after = await StatusAsync(session);

        Assert.Equal(LastUpdated(before), LastUpdated(after));
        Assert.Equal(before["last_seq"]!.GetValue<long>(), after["last_seq"]!.GetValue<long>());
    }

    [Fact]
    public async Task GetStatus_CurrentActivity_FollowsTheActivatedActivity()
    {
        var session = await _api.CreateSessionAsync();
        var draft = await _api.CreateActivityAsync(session, "poll", Poll);
        Assert.Null((await StatusAsync(session))["current_activity_id"]);

        var active = await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "One word?" });

        Assert.Equal(active, Guid.Parse((await StatusAsync(session))["current_activity_id"]!.GetValue<string>()));
        Assert.NotEqual(draft, active);
        await _api.TransitionAsync(session, active, "expired");
        Assert.Null((await StatusAsync(session))["current_activity_id"]);
    }

    [Fact]
    public async Task GetStatus_FollowsSessionStatus()
    {
        var session = await _api.CreateSessionAsync();

        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/sessions/{session.Id}", new { status = "active" }, adminCode: session.AdminCode), HttpStatusCode.OK);

        Assert.Equal("active", (await StatusAsync(session))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetStatus_UnknownSession_Is404()
    {
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, "/api/v1/sessions/987654321/status"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetStatus_NonIntegerSession_Is422()
    {
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, "/api/v1/sessions/abc/status"), HttpStatusCode.UnprocessableEntity);
    }

    private Task<JsonNode> StatusAsync(Api.Session session) => _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/status");

    private static DateTime LastUpdated(JsonNode status) => status["last_updated"]!.GetValue<DateTime>();
}
