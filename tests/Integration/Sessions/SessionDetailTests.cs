using System.Net;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Sessions;

/// <summary>GET and DELETE /api/v1/sessions/{id}.</summary>
[Collection(ApiCollection.Name)]
public sealed class SessionDetailTests(ConflictoApiFactory factory)
{
    private static readonly object Poll = new { question = "Tea or coffee?", options = new[] { "Tea", "Coffee" } };
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task GetSession_WithActivitiesAndParticipants_ListsThemAll()
    {
        var session = await _api.CreateSessionAsync("Workshop");
        var poll = await _api.CreateActivityAsync(session, "poll", Poll, "Warm-up");
        var custom = await _api.CreateActivityAsync(session, "custom_game", new { board = new[] { 1, 2, 3 } }, "Game");
        var ada = await _api.JoinAsync(session, "Ada");
        var bob = await _api.JoinAsync(session, "Bob");

        var detail = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}", adminCode: session.AdminCode); // its activities are drafts: the host sees them whole

        Assert.Equal("Workshop", detail["title"]!.GetValue<string>());
        Assert.Equal(2, detail["activity_count"]!.GetValue<int>());
        Assert.Equal(2, detail["participant_count"]!.GetValue<int>());
        var activities = detail["activities"]!.AsArray();
        Assert.Equal([poll, custom], activities.Select(a => Guid.Parse(a!["id"]!.GetValue<string>())).ToArray());
        var pollDto = activities.Single(a => a!["id"]!.GetValue<string>() == poll.ToString())!;
        Assert.Equal("poll", pollDto["type"]!.GetValue<string>());
        Assert.Equal("Tea or coffee?", pollDto["config"]!["question"]!.GetValue<string>());
        Assert.False(pollDto["is_active"]!.GetValue<bool>());
        var people = detail["participants"]!.AsArray();
        Assert.Equal([ada.Id.ToString(), bob.Id.ToString()], people.Select(p => p!["participant_id"]!.GetValue<string>()).ToArray());
        Assert.All(people, p => Assert.Equal("online", p!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task GetSession_AdminCode_IsHiddenWithoutHeaderAndShownWithTheRightOne()
    {
        var session = await _api.CreateSessionAsync();
        var other = await _api.CreateSessionAsync();

        var anonymous = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}");
        var wrong = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}", adminCode: other.AdminCode);
        var host = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}", adminCode: session.AdminCode);
        var hostLowercase = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}", adminCode: session.AdminCode.ToLowerInvariant());

        Assert.Null(anonymous["admin_code"]);
        Assert.Null(wrong["admin_code"]);
        Assert.Equal(session.AdminCode, host["admin_code"]!.GetValue<string>());
        Assert.Equal(session.AdminCode, hostLowercase["admin_code"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetSession_JoinCode_IsForTheHostAndItsParticipants_NotForAnyoneWhoGuessesTheId()
    {
        var session = await _api.CreateSessionAsync();
        var other = await _api.CreateSessionAsync();
        var ada = await _api.JoinAsync(session, "Ada");
        var stranger = await _api.JoinAsync(other, "Stranger");
        var url = $"/api/v1/sessions/{session.Id}";

        foreach (var hidden in new[] {
            await _api.GetJsonAsync(url), await _api.GetJsonAsync(url, adminCode: other.AdminCode), await _api.GetJsonAsync(url, token: stranger.Token) })
        {
            Assert.Null(hidden["join_code"]);
            Assert.Null(hidden["qr_code"]);
            Assert.DoesNotContain(session.JoinCode, hidden.ToJsonString(), StringComparison.Ordinal);
        }
        foreach (var shown in new[] { await _api.GetJsonAsync(url, adminCode: session.AdminCode), await _api.GetJsonAsync(url, token: ada.Token) })
        {
            Assert.Equal(session.JoinCode, shown["join_code"]!.GetValue<string>());
            Assert.Equal(session.JoinCode, shown["qr_code"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task GetSession_UnknownId_Is404Problem()
    {
        var problem = await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, "/api/v1/sessions/987654321"), HttpStatusCode.NotFound);

        Assert.Contains("987654321", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    public async Task GetSession_NonIntegerId_Is422(string id)
    {
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{id}"), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task DeleteSession_WithoutAdminCode_Is401_AndSessionStays()
    {
        var session = await _api.CreateSessionAsync();

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Delete, $"/api/v1/sessions/{session.Id}"), HttpStatusCode.Unauthorized);

        await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}");
    }

    [Fact]
    public async Task DeleteSession_WithAnotherSessionsAdminCode_Is403_AndSessionStays()
    {
        var session = await _api.CreateSessionAsync();
        var other = await _api.CreateSessionAsync();

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Delete, $"/api/v1/sessions/{session.Id}", adminCode: other.AdminCode), HttpStatusCode.Forbidden);

        await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}");
        await _api.GetJsonAsync($"/api/v1/sessions/{other.Id}");
    }

    [Fact]
    public async Task DeleteSession_WithAdminCode_Is204_ThenEverythingIsGone()
    {
        var session = await _api.CreateSessionAsync();
        await _api.CreateActivityAsync(session, "poll", Poll);
        var ada = await _api.JoinAsync(session, "Ada");

        var response = await _api.SendAsync(HttpMethod.Delete, $"/api/v1/sessions/{session.Id}", adminCode: session.AdminCode);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}"), HttpStatusCode.NotFound);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/code/{session.JoinCode}"), HttpStatusCode.NotFound);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Delete, $"/api/v1/sessions/{session.Id}", adminCode: session.AdminCode), HttpStatusCode.NotFound);
        // The participant's token died with the session.
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Post, $"/api/v1/participants/{ada.Id}/heartbeat", new { }, token: ada.Token), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task DeleteSession_UnknownId_Is404()
    {
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Delete, "/api/v1/sessions/987654321", adminCode: "AAAAAA"), HttpStatusCode.NotFound);
    }
}
