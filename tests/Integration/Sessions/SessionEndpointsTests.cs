using System.Net;
using System.Net.Http.Json;
using System.Text;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Sessions;

/// <summary>POST /api/v1/sessions/: what a new session looks like, and the bodies that are refused.</summary>
[Collection(ApiCollection.Name)]
public sealed class SessionEndpointsTests(ConflictoApiFactory factory)
{
    private const string CodeAlphabet = "[ABCDEFGHJKMNPQRSTUVWXYZ23456789]";
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task CreateSession_ReturnsCodesOnce_AndListingNeverShowsAdminCode()
    {
        var session = await _api.CreateSessionAsync("Quarterly all-hands");

        Assert.Matches("^[A-Z2-9]{6}$", session.AdminCode);
        Assert.Matches("^[A-Z2-9]{8}$", session.JoinCode);
        var list = await _api.GetJsonAsync("/api/v1/sessions/?limit=1000");
        var listed = list["sessions"]!.AsArray().Single(s => s!["id"]!.GetValue<int>() == session.Id)!;
        Assert.Null(listed["admin_code"]);
        Assert.Null(listed["qr_code"]); // join codes only for the host (SessionListTests)
        Assert.True(list["total"]!.GetValue<int>() >= list["sessions"]!.AsArray().Count);
    }

    [Fact]
    public async Task UpdateSession_WithoutAdminCode_Is401_AndWithWrongCode_Is403()
    {
        var session = await _api.CreateSessionAsync();
        var other = await _api.CreateSessionAsync();

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/sessions/{session.Id}", new { title = "x" }), HttpStatusCode.Unauthorized);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/sessions/{session.Id}", new { title = "x" }, adminCode: other.AdminCode), HttpStatusCode.Forbidden);
        var detail = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}");
        Assert.Equal("Test session", detail["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateSession_Returns201WithLocationCodesAndDefaults()
    {
        var response = await _api.Client.PostAsJsonAsync("/api/v1/sessions/", new { title = "  Retro  ", description = "Sprint 12" });

        var body = await Api.ReadAsync(response, HttpStatusCode.Created);
        var id = body["id"]!.GetValue<int>();
        Assert.Equal($"/api/v1/sessions/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Retro", body["title"]!.GetValue<string>());
        Assert.Equal("Sprint 12", body["description"]!.GetValue<string>());
        Assert.Equal("draft", body["status"]!.GetValue<string>());
        Assert.Equal(100, body["max_participants"]!.GetValue<int>());
        Assert.Equal(0, body["participant_count"]!.GetValue<int>());
        Assert.Equal(0, body["activity_count"]!.GetValue<int>());
        Assert.Null(body["started_at"]);
        Assert.Null(body["completed_at"]);
        Assert.Matches($"^{CodeAlphabet}{{6}}$", body["admin_code"]!.GetValue<string>());
        Assert.Matches($"^{CodeAlphabet}{{8}}$", body["join_code"]!.GetValue<string>());
        Assert.Equal(body["join_code"]!.GetValue<string>(), body["qr_code"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateSession_TwoSessions_GetDifferentCodes()
    {
        var first = await _api.CreateSessionAsync();
        var second = await _api.CreateSessionAsync();

        Assert.NotEqual(first.Id, second.Id);
        Assert.NotEqual(first.JoinCode, second.JoinCode);
        Assert.NotEqual(first.AdminCode, second.AdminCode);
    }

    [Fact]
    public async Task CreateSession_WithMaxParticipants_KeepsIt()
    {
        var response = await _api.Client.PostAsJsonAsync("/api/v1/sessions/", new { title = "Small", max_participants = 1000 });

        var body = await Api.ReadAsync(response, HttpStatusCode.Created);
        Assert.Equal(1000, body["max_participants"]!.GetValue<int>());
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{}""", "title" },
        { """{"title":null}""", "title" },
        { """{"title":""}""", "title" },
        { """{"title":"   "}""", "title" },
        { $$"""{"title":"{{new string('t', 256)}}"}""", "title" },
        { """{"title":"ok","max_participants":0}""", "max_participants" },
        { """{"title":"ok","max_participants":1001}""", "max_participants" },
        { """{"title":"ok","max_participants":-5}""", "max_participants" },
        { $$"""{"title":"ok","description":"{{new string('d', 5001)}}"}""", "description" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task CreateSession_InvalidField_Is422WithFieldError(string json, string field)
    {
        var before = await SessionCountAsync();

        var response = await PostRawAsync(json);

        var problem = await Api.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(problem["errors"]![field]);
        Assert.Equal(before, await SessionCountAsync());
    }

    [Theory]
    [InlineData("""{"title":123}""")]
    [InlineData("""{"title":"ok","max_participants":"many"}""")]
    [InlineData("""{"title":"ok","max_participants":1.5}""")]
    [InlineData("""{"title":["a"]}""")]
    [InlineData("""{"title":"unterminated""")]
    [InlineData("""not json at all""")]
    [InlineData("""[]""")]
    public async Task CreateSession_WrongJsonTypesOrMalformedJson_Is422(string json)
    {
        var before = await SessionCountAsync();

        var response = await PostRawAsync(json);

        var problem = await Api.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.False(string.IsNullOrEmpty(problem["detail"]?.GetValue<string>()));
        Assert.Equal(before, await SessionCountAsync());
    }

    [Fact]
    public async Task CreateSession_TitleOf255Characters_IsAccepted()
    {
        var title = new string('t', 255);

        var response = await _api.Client.PostAsJsonAsync("/api/v1/sessions/", new { title });

        var body = await Api.ReadAsync(response, HttpStatusCode.Created);
        Assert.Equal(title, body["title"]!.GetValue<string>());
    }

    private Task<HttpResponseMessage> PostRawAsync(string json) =>
        _api.Client.PostAsync("/api/v1/sessions/", new StringContent(json, Encoding.UTF8, "application/json"));

    private async Task<int> SessionCountAsync() => (await _api.GetJsonAsync("/api/v1/sessions/?limit=1"))["total"]!.GetValue<int>();
}
