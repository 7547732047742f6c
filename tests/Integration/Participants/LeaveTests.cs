using System.Net;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Participants;

/// <summary>DELETE /api/v1/participants/{id}: a participant leaves, or the host removes one.</summary>
[Collection(ApiCollection.Name)]
public sealed class LeaveTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task Leave_Self_Is204_AndParticipantDisappearsFromListAndCount()
    {
        var session = await _api.CreateSessionAsync();
        var ada = await _api.JoinAsync(session, "Ada");
        var bob = await _api.JoinAsync(session, "Bob");

        var response = await LeaveAsync(ada, token: ada.Token);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var list = await ListAsync(session);
        Assert.Equal([bob.Id.ToString()], list["participants"]!.AsArray().Select(p => p!["participant_id"]!.GetValue<string>()).ToArray());
        Assert.Equal(1, list["total_count"]!.GetValue<int>());
        Assert.Equal(1, (await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/status"))["participant_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Leave_Self_FreesTheNickname()
    {
        var session = await _api.CreateSessionAsync();
        var ada = await _api.JoinAsync(session, "Ada");

        await LeaveAsync(ada, token: ada.Token);

        var check = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/nicknames/validate?nickname=Ada");
        Assert.True(check["available"]!.GetValue<bool>());
        var again = await _api.JoinAsync(session, "Ada");
        Assert.Equal("Ada", again.Nickname);
        Assert.NotEqual(ada.Id, again.Id);
    }

    [Fact]
    public async Task Leave_Self_RevokesTheToken()
    {
        var session = await _api.CreateSessionAsync();
        var ada = await _api.JoinAsync(session, "Ada");
        var poll = await _api.CreateActiveActivityAsync(session, "poll", new { question = "Q?", options = new[] { "a", "b" } });

        await LeaveAsync(ada, token: ada.Token);

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Post, $"/api/v1/participants/{ada.Id}/heartbeat", new { }, token: ada.Token), HttpStatusCode.Unauthorized);
        await Api.ProblemAsync(await _api.SubmitAsync(ada, poll, new { option_index = 0 }), HttpStatusCode.Unauthorized);
        // A second leave finds nobody: the participant is gone.
        await Api.ProblemAsync(await LeaveAsync(ada, token: ada.Token), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Leave_HostWithAdminCode_RemovesParticipant()
    {
        var session = await _api.CreateSessionAsync();
        var ada = await _api.JoinAsync(session, "Ada");

        var response = await LeaveAsync(ada, adminCode: session.AdminCode);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty((await ListAsync(session))["participants"]!.AsArray());
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Post, $"/api/v1/participants/{ada.Id}/heartbeat", new { }, token: ada.Token), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Leave_AnotherParticipant_Is403_AndNobodyLeaves()
    {
        var session = await _api.CreateSessionAsync();
        var ada = await _api.JoinAsync(session, "Ada");
        var bob = await _api.JoinAsync(session, "Bob");

        await Api.ProblemAsync(await LeaveAsync(ada, token: bob.Token), HttpStatusCode.Forbidden);

        Assert.Equal(2, (await ListAsync(session))["total_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Leave_HostOfAnotherSession_Is403()
    {
        var session = await _api.CreateSessionAsync();
        var other = await _api.CreateSessionAsync();
        var ada = await _api.JoinAsync(session, "Ada");

        await Api.ProblemAsync(await LeaveAsync(ada, adminCode: other.AdminCode), HttpStatusCode.Forbidden);

        Assert.Equal(1, (await ListAsync(session))["total_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Leave_WithoutCredentials_Is401()
    {
        var session = await _api.CreateSessionAsync();
        var ada = await _api.JoinAsync(session, "Ada");

        await Api.ProblemAsync(await LeaveAsync(ada), HttpStatusCode.Unauthorized);

        Assert.Equal(1, (await ListAsync(session))["total_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Leave_UnknownParticipant_Is404()
    {
        var session = await _api.CreateSessionAsync();

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Delete, "/api/v1/participants/987654321", adminCode: session.AdminCode), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Leave_NonIntegerParticipant_Is422()
    {
        var session = await _api.CreateSessionAsync();

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Delete, "/api/v1/participants/abc", adminCode: session.AdminCode), HttpStatusCode.UnprocessableEntity);
    }

    private Task<HttpResponseMessage> LeaveAsync(Api.Participant participant, string? token = null, string? adminCode = null) =>
        _api.SendAsync(HttpMethod.Delete, $"/api/v1/participants/{participant.Id}", token: token, adminCode: adminCode);

    private Task<JsonNode> ListAsync(Api.Session session) => _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/participants");
}
