using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;
using Dapper;
using Npgsql;

namespace Conflicto.Tests.Integration.Participants;

/// <summary>
/// GET /sessions/{id}/participants and POST /participants/{id}/heartbeat. Presence ages are
/// simulated by moving last_seen back in the database rather than by waiting.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class PresenceTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task ListParticipants_RightAfterJoin_AreOnline()
    {
        var session = await _api.CreateSessionAsync();
        var ada = await _api.JoinAsync(session, "Ada");
        var bob = await _api.JoinAsync(session, "Bob");

        var list = await ListAsync(session);

        Assert.Equal(2, list["total_count"]!.GetValue<int>());
        Assert.Equal(2, list["online_count"]!.GetValue<int>());
        var people = list["participants"]!.AsArray();
        Assert.Equal([ada.Id.ToString(), bob.Id.ToString()], people.Select(p => p!["participant_id"]!.GetValue<string>()).ToArray());
        Assert.Equal(["Ada", "Bob"], people.Select(p => p!["nickname"]!.GetValue<string>()).ToArray());
        Assert.All(people, p => Assert.Equal("online", p!["status"]!.GetValue<string>()));
        Assert.All(people, p => Assert.NotNull(p!["joined_at"]));
    }

    [Theory]
    [InlineData(60, "idle")]
    [InlineData(100, "idle")]
    [InlineData(121, "disconnected")]
    [InlineData(3600, "disconnected")]
    public async Task ListParticipants_AfterSilence_ShowsIdleOrDisconnected(int secondsAgo, string expected)
    {
        var session = await _api.CreateSessionAsync();
        var ada = await _api.JoinAsync(session, "Ada");
        await _api.JoinAsync(session, "Bob");

        await AgeAsync(ada, secondsAgo);
        var list = await ListAsync(session);

        Assert.Equal(expected, Status(list, ada));
        Assert.Equal(1, list["online_count"]!.GetValue<int>());
        Assert.Equal(2, list["total_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task ListParticipants_UnknownSession_Is404_AndBadId_Is422()
    {
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, "/api/v1/sessions/987654321/participants"), HttpStatusCode.NotFound);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, "/api/v1/sessions/abc/participants"), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Heartbeat_MakesADisconnectedParticipantOnlineAgain()
    {
        var session = await _api.CreateSessionAsync();
        var ada = await _api.JoinAsync(session, "Ada");
        await AgeAsync(ada, 600);
        Assert.Equal("disconnected", Status(await ListAsync(session), ada));

        var beat = await Api.ReadAsync(await HeartbeatAsync(ada, new { }), HttpStatusCode.OK);

        Assert.Equal("online", beat["status"]!.GetValue<string>());
        Assert.Equal("online", Status(await ListAsync(session), ada));
    }

    [Fact]
    public async Task Heartbeat_StoresActivityContext_AndKeepsItWhenNoneIsSent()
    {
        var session = await _api.CreateSessionAsync();
        var ada = await _api.JoinAsync(session, "Ada");

        var beat = await Api.ReadAsync(await HeartbeatAsync(ada, new { activity_context = new { screen = "poll", step = 2 } }), HttpStatusCode.OK);
        var again = await Api.ReadAsync(await HeartbeatAsync(ada, null), HttpStatusCode.OK);

        Assert.Equal("poll", beat["activity_context"]!["screen"]!.GetValue<string>());
        Assert.Equal(2, again["activity_context"]!["step"]!.GetValue<int>());
        await using var db = new NpgsqlConnection(factory.ConnectionString);
        var stored = await db.ExecuteScalarAsync<string>("select activity_context::text from participants where id = @id", new { id = ada.Id });
        Assert.Equal("poll", JsonNode.Parse(stored!)!["screen"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"activity_context":[1,2]}""")]
    [InlineData("""{"activity_context":"poll"}""")]
    [InlineData("""{"activity_context":7}""")]
    [InlineData("""{"activity_context":true}""")]
    public async Task Heartbeat_NonObjectActivityContext_Is422_AndNothingIsStored(string json)
    {
        var session = await _api.CreateSessionAsync();
        var ada = await _api.JoinAsync(session, "Ada");

        var response = await HeartbeatRawAsync(ada.Id, json, ada.Token);

        var problem = await Api.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(problem["errors"]!["activity_context"]);
        await using var db = new NpgsqlConnection(factory.ConnectionString);
        Assert.Equal("{}", await db.ExecuteScalarAsync<string>("select activity_context::text from participants where id = @id", new { id = ada.Id }));
    }

    [Fact]
    public async Task Heartbeat_OversizedActivityContext_Is422()
    {
        var session = await _api.CreateSessionAsync();
        var ada = await _api.JoinAsync(session, "Ada");

        var response = await HeartbeatAsync(ada, new { activity_context = new { blob = new string('x', 17 * 1024) } });

        await Api.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Heartbeat_WithoutToken_Is401()
    {
        var session = await _api.CreateSessionAsync();
        var ada = await _api.JoinAsync(session, "Ada");

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Post, $"/api/v1/participants/{ada.Id}/heartbeat", new { }), HttpStatusCode.Unauthorized);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Post, $"/api/v1/participants/{ada.Id}/heartbeat", new { }, token: "not-a-token"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Heartbeat_WithAnotherParticipantsToken_Is403()
    {
        var session = await _api.CreateSessionAsync();
        var ada = await _api.JoinAsync(session, "Ada");
        var bob = await _api.JoinAsync(session, "Bob");
        var stranger = await _api.JoinAsync(await _api.CreateSessionAsync(), "Eve");
        await AgeAsync(ada, 600);

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Post, $"/api/v1/participants/{ada.Id}/heartbeat", new { }, token: bob.Token), HttpStatusCode.Forbidden);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Post, $"/api/v1/participants/{ada.Id}/heartbeat", new { }, token: stranger.Token), HttpStatusCode.Forbidden);

        Assert.Equal("disconnected", Status(await ListAsync(session), ada));
    }

    [Fact]
    public async Task Heartbeat_WithRevokedToken_Is401()
    {
        var session = await _api.CreateSessionAsync();
        var ada = await _api.JoinAsync(session, "Ada");
        Assert.Equal(HttpStatusCode.NoContent, (await _api.SendAsync(HttpMethod.Delete, $"/api/v1/participants/{ada.Id}", token: ada.Token)).StatusCode);

        await Api.ProblemAsync(await HeartbeatAsync(ada, new { }), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Heartbeat_NonIntegerParticipant_Is422()
    {
        var session = await _api.CreateSessionAsync();
        var ada = await _api.JoinAsync(session, "Ada");

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Post, "/api/v1/participants/abc/heartbeat", new { }, token: ada.Token), HttpStatusCode.UnprocessableEntity);
    }

    private Task<JsonNode> ListAsync(Api.Session session) => _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/participants");

    private static string Status(JsonNode list, Api.Participant participant) => list["participants"]!.AsArray()
        .Single(p => p!["participant_id"]!.GetValue<string>() == participant.Id.ToString())!["status"]!.GetValue<string>();

    private Task<HttpResponseMessage> HeartbeatAsync(Api.Participant participant, object? body) =>
        _api.SendAsync(HttpMethod.Post, $"/api/v1/participants/{participant.Id}/heartbeat", body, token: participant.Token);

    private Task<HttpResponseMessage> HeartbeatRawAsync(int participantId, string json, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/participants/{participantId}/heartbeat")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", token);
        return _api.Client.SendAsync(request);
    }

    private async Task AgeAsync(Api.Participant participant, int seconds)
    {
        await using var db = new NpgsqlConnection(factory.ConnectionString);
        await db.ExecuteAsync("update participants set last_seen = now() - make_interval(secs => @seconds) where id = @id", new { seconds, id = participant.Id });
    }
}
