using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Sessions;

/// <summary>PUT /api/v1/sessions/{id}: partial updates and the draft → active → completed life cycle.</summary>
[Collection(ApiCollection.Name)]
public sealed class SessionUpdateTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task UpdateSession_ChangesOnlyTheGivenFields()
    {
        var session = await _api.CreateSessionAsync("Before", maxParticipants: 40);

        var updated = await PutAsync(session, new { title = "  After  ", description = "New text" });

        Assert.Equal("After", updated["title"]!.GetValue<string>());
        Assert.Equal("New text", updated["description"]!.GetValue<string>());
        Assert.Equal(40, updated["max_participants"]!.GetValue<int>());
        Assert.Equal("draft", updated["status"]!.GetValue<string>());
        var detail = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}");
        Assert.Equal("After", detail["title"]!.GetValue<string>());
        Assert.Equal(40, detail["max_participants"]!.GetValue<int>());
    }

    [Fact]
    public async Task UpdateSession_DraftToActive_SetsStartedAt()
    {
        var session = await _api.CreateSessionAsync();

        var updated = await PutAsync(session, new { status = "active" });

        Assert.Equal("active", updated["status"]!.GetValue<string>());
        Assert.NotNull(updated["started_at"]);
        Assert.Null(updated["completed_at"]);
    }

    [Fact]
    public async Task UpdateSession_ActiveToCompleted_SetsCompletedAtAndKeepsStartedAt()
    {
        var session = await _api.CreateSessionAsync();
        var started = (await PutAsync(session, new { status = "active" }))["started_at"]!.GetValue<DateTime>();

        var updated = await PutAsync(session, new { status = "completed" });

        Assert.Equal("completed", updated["status"]!.GetValue<string>());
        Assert.Equal(started, updated["started_at"]!.GetValue<DateTime>());
        Assert.True(updated["completed_at"]!.GetValue<DateTime>() >= started);
    }

    [Fact]
    public async Task UpdateSession_DraftToCompleted_IsAllowed()
    {
        var session = await _api.CreateSessionAsync();

        var updated = await PutAsync(session, new { status = "completed" });

        Assert.Equal("completed", updated["status"]!.GetValue<string>());
        Assert.NotNull(updated["completed_at"]);
    }

    [Theory]
    [InlineData("active")]
    [InlineData("draft")]
    public async Task UpdateSession_CompletedSessionCannotReopen_Is409(string target)
    {
        var session = await _api.CreateSessionAsync();
        await PutAsync(session, new { status = "active" });
        await PutAsync(session, new { status = "completed" });

        await Api.ProblemAsync(await Put(session, new { status = target }), HttpStatusCode.Conflict);

        var detail = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}");
        Assert.Equal("completed", detail["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpdateSession_ActiveBackToDraft_Is409()
    {
        var session = await _api.CreateSessionAsync();
        await PutAsync(session, new { status = "active" });

        await Api.ProblemAsync(await Put(session, new { status = "draft" }), HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("""{"status":"paused"}""", "status")]
    [InlineData("""{"title":"   "}""", "title")]
    [InlineData("""{"max_participants":0}""", "max_participants")]
    [InlineData("""{"max_participants":1001}""", "max_participants")]
    public async Task UpdateSession_InvalidField_Is422_AndNothingChanges(string json, string field)
    {
        var session = await _api.CreateSessionAsync("Unchanged");

        var response = await PutRawAsync(session, json);

        var problem = await Api.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(problem["errors"]![field]);
        var detail = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}");
        Assert.Equal("Unchanged", detail["title"]!.GetValue<string>());
        Assert.Equal("draft", detail["status"]!.GetValue<string>());
        Assert.Equal(100, detail["max_participants"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("""{"title":42}""")]
    [InlineData("""{"title":""")]
    public async Task UpdateSession_MalformedBody_Is422(string json)
    {
        var session = await _api.CreateSessionAsync("Unchanged");

        await Api.ProblemAsync(await PutRawAsync(session, json), HttpStatusCode.UnprocessableEntity);

        Assert.Equal("Unchanged", (await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}"))["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpdateSession_UnknownSession_Is404_WithOrWithoutACode()
    {
        var session = await _api.CreateSessionAsync();

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Put, "/api/v1/sessions/987654321", new { title = "x" }, adminCode: session.AdminCode), HttpStatusCode.NotFound);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Put, "/api/v1/sessions/987654321", new { title = "x" }), HttpStatusCode.NotFound);
    }

    private Task<HttpResponseMessage> Put(Api.Session session, object body) =>
        _api.SendAsync(HttpMethod.Put, $"/api/v1/sessions/{session.Id}", body, adminCode: session.AdminCode);

    private async Task<JsonNode> PutAsync(Api.Session session, object body) => await Api.ReadAsync(await Put(session, body), HttpStatusCode.OK);

    private Task<HttpResponseMessage> PutRawAsync(Api.Session session, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/sessions/{session.Id}")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Admin-Code", session.AdminCode);
        return _api.Client.SendAsync(request);
    }
}
