using System.Net;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Activities;

/// <summary>POST /sessions/{id}/activities: the legacy create.</summary>
[Collection(ApiCollection.Name)]
public sealed class ActivityCreateTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task CreateActivity_WithConfig_Is201_EchoesConfigUnderBothNames_AndDefaultsToDraft()
    {
        var session = await _api.CreateSessionAsync();

        var response = await _api.CreateLegacyAsync(session, new { type = "poll", config = ActivityTestApi.Poll("Red", "Blue"), order_index = 3 });

        var body = await Api.ReadAsync(response, HttpStatusCode.Created);
        var expected = JsonNode.Parse("""{"question":"Which one?","options":["Red","Blue"]}""");
        Assert.True(JsonNode.DeepEquals(expected, body["config"]), body["config"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(expected, body["configuration"]), body["configuration"]!.ToJsonString());
        Assert.Equal("poll", body["type"]!.GetValue<string>());
        Assert.Equal("poll", body["activity_type"]!.GetValue<string>());
        Assert.Equal(3, body["order_index"]!.GetValue<int>());
        Assert.Equal("draft", body["status"]!.GetValue<string>());
        Assert.Equal("draft", body["state"]!.GetValue<string>());
        Assert.False(body["is_active"]!.GetValue<bool>());
        Assert.Null(body["started_at"]);
        Assert.Equal(session.Id, body["session_id"]!.GetValue<int>());
        Assert.Equal($"/api/v1/activities/{body.Id()}", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task CreateActivity_WithStatusActive_IsActiveStateWithStartedAt()
    {
        var session = await _api.CreateSessionAsync();

        var body = await _api.CreateLegacyOkAsync(session, new { type = "word_cloud", config = new { prompt = "One word" }, status = "active" });

        Assert.Equal("active", body["status"]!.GetValue<string>());
        Assert.Equal("active", body["state"]!.GetValue<string>());
        Assert.True(body["is_active"]!.GetValue<bool>());
        Assert.NotNull(body["started_at"]);
    }

    [Fact]
    public async Task CreateActivity_WithoutConfig_StoresEmptyObject()
    {
        var session = await _api.CreateSessionAsync();

        var body = await _api.CreateLegacyOkAsync(session, new { type = "custom_game" });

        Assert.Equal("{}", body["config"]!.ToJsonString());
        Assert.Equal(0, body["order_index"]!.GetValue<int>());
    }

    [Fact]
    public async Task CreateActivity_WithoutAdminCode_Is401()
    {
        var session = await _api.CreateSessionAsync();

        var response = await _api.SendAsync(HttpMethod.Post, $"/api/v1/sessions/{session.Id}/activities", new { type = "poll", config = ActivityTestApi.Poll("A", "B") });

        await Api.ProblemAsync(response, HttpStatusCode.Unauthorized);
        var list = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/activities");
        Assert.Equal(0, list["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task CreateActivity_WithAnotherSessionsAdminCode_Is403()
    {
        var session = await _api.CreateSessionAsync();
        var other = await _api.CreateSessionAsync();

        var response = await _api.CreateLegacyAsync(session, new { type = "poll", config = ActivityTestApi.Poll("A", "B") }, adminCode: other.AdminCode);

        await Api.ProblemAsync(response, HttpStatusCode.Forbidden);
        var list = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/activities");
        Assert.Equal(0, list["total"]!.GetValue<int>());
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"config":{}}""", "type" },
        { """{"type":"   "}""", "type" },
        { """{"type":"poll","config":{"question":"Q","options":["Only one"]}}""", "config" },
        { """{"type":"poll","config":{"question":"Q","options":["Same","same"]}}""", "config" },
        { """{"type":"poll","config":{"options":["A","B"]}}""", "config" },
        { """{"type":"poll","config":"not an object"}""", "config" },
        { """{"type":"my_custom_type","config":[1,2,3]}""", "config" },
        { """{"type":"word_cloud","config":{"prompt":"P"},"order_index":-1}""", "order_index" },
        { """{"type":"word_cloud","config":{"prompt":"P"},"status":"running"}""", "status" },
        { """{"type":"planning_poker","config":{"story":"S","card_values":["1","1"]}}""", "config" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task CreateActivity_WithInvalidBody_Is422_NamingTheField(string json, string field)
    {
        var session = await _api.CreateSessionAsync();

        var response = await _api.CreateLegacyAsync(session, JsonNode.Parse(json)!);

        var problem = await Api.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(problem["errors"]![field]);
        var list = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/activities");
        Assert.Equal(0, list["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task CreateActivity_ForUnknownSession_Is404()
    {
        var session = await _api.CreateSessionAsync();

        var response = await _api.SendAsync(HttpMethod.Post, "/api/v1/sessions/987654321/activities",
            new { type = "poll", config = ActivityTestApi.Poll("A", "B") }, adminCode: session.AdminCode);

        await Api.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CreateActivity_WithMalformedJson_Is422()
    {
        var session = await _api.CreateSessionAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/sessions/{session.Id}/activities")
        {
            Content = new StringContent("{\"type\": \"poll\", ", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Admin-Code", session.AdminCode);

        await Api.ProblemAsync(await _api.Client.SendAsync(request), HttpStatusCode.UnprocessableEntity);
    }
}
