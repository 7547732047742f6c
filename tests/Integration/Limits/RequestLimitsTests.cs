using System.Net;
using System.Text;
using Conflicto.Tests.Integration.Infrastructure;
using Dapper;
using Npgsql;

namespace Conflicto.Tests.Integration.Limits;

/// <summary>
/// Body size (256 KiB), response_data size (16 KiB) and JSON depth (32) limits answer a clear
/// 4xx problem, and a refused request changes nothing.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class RequestLimitsTests(ConflictoApiFactory factory)
{
    private const int MaxBodyBytes = 256 * 1024;
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task OversizedBody_WithContentLength_Is413_AndNoSessionIsCreated()
    {
        var before = await CountAsync("sessions");
        var content = new StringContent(SessionJson(MaxBodyBytes + 1), Encoding.UTF8, "application/json");
        Assert.True(content.Headers.ContentLength > MaxBodyBytes);

        var response = await _api.Client.PostAsync("/api/v1/sessions/", content);

        await Api.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await CountAsync("sessions"));
    }

    [Fact]
    public async Task OversizedBody_Chunked_Is413_AndNoSessionIsCreated()
    {
        var before = await CountAsync("sessions");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sessions/")
        {
            Content = new StreamContent(new UnknownLengthStream(Encoding.UTF8.GetBytes(SessionJson(MaxBodyBytes * 2)))),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;
        Assert.Null(request.Content.Headers.ContentLength);

        var response = await _api.Client.SendAsync(request);

        await Api.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await CountAsync("sessions"));
    }

    [Fact]
    public async Task SmallChunkedBody_IsAccepted()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sessions/")
        {
            Content = new StreamContent(new UnknownLengthStream("""{"title":"Chunked"}"""u8.ToArray())),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;

        var body = await Api.ReadAsync(await _api.Client.SendAsync(request), HttpStatusCode.Created);

        Assert.Equal("Chunked", body["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task BodyUnderTheLimit_IsJudgedByValidation_NotRefusedAsTooLarge()
    {
        var response = await _api.Client.PostAsync("/api/v1/sessions/", new StringContent(SessionJson(MaxBodyBytes - 1024), Encoding.UTF8, "application/json"));

        var problem = await Api.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(problem["errors"]!["description"]);
    }

    [Fact]
    public async Task OversizedBody_OnUpdate_Is413_AndTitleIsUnchanged()
    {
        var session = await _api.CreateSessionAsync("Original");
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/sessions/{session.Id}")
        {
            Content = new StringContent(SessionJson(MaxBodyBytes + 10, title: "Replaced"), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Admin-Code", session.AdminCode);

        await Api.ProblemAsync(await _api.Client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal("Original", (await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}"))["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeeplyNestedConfiguration_Is422_AndNoActivityIsCreated()
    {
        var session = await _api.CreateSessionAsync();
        var json = $$"""{"activity_type":"custom","title":"Deep","configuration":{{Nested(40)}}}""";

        var response = await PostJsonAsync($"/api/v1/sessions/{session.Id}/activities/framework", json, session.AdminCode);

        var problem = await Api.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("deep", problem["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, (await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}"))["activity_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task ModeratelyNestedConfiguration_IsAccepted()
    {
        var session = await _api.CreateSessionAsync();
        var json = $$"""{"activity_type":"custom","title":"Nested","configuration":{{Nested(20)}}}""";

        var response = await PostJsonAsync($"/api/v1/sessions/{session.Id}/activities/framework", json, session.AdminCode);

        await Api.ReadAsync(response, HttpStatusCode.Created);
    }

    [Fact]
    public async Task OversizedResponseData_Is413_AndNothingIsStored()
    {
        var session = await _api.CreateSessionAsync();
        var ada = await _api.JoinAsync(session, "Ada");
        var activity = await _api.CreateActiveActivityAsync(session, "custom", new { prompt = "Anything" });

        var response = await _api.SubmitAsync(ada, activity, new { text = new string('x', 17 * 1024) });

        await Api.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, (await _api.GetJsonAsync($"/api/v1/activities/{activity}"))["response_count"]!.GetValue<int>());
        Assert.Equal(0, await CountAsync("user_responses where activity_id = @id", new { id = activity }));
    }

    [Fact]
    public async Task ResponseDataUnderTheLimit_IsStored()
    {
        var session = await _api.CreateSessionAsync();
        var ada = await _api.JoinAsync(session, "Ada");
        var activity = await _api.CreateActiveActivityAsync(session, "custom", new { prompt = "Anything" });

        await Api.ReadAsync(await _api.SubmitAsync(ada, activity, new { text = new string('x', 15 * 1024) }), HttpStatusCode.Created);

        Assert.Equal(1, await CountAsync("user_responses where activity_id = @id", new { id = activity }));
    }

    [Theory]
    [InlineData("GET", "/api/v1/nothing-here")]
    [InlineData("GET", "/api/v2/sessions/")]
    [InlineData("POST", "/api/v1/sessions/1/unknown")]
    public async Task UnknownRoute_Is404Problem(string method, string url)
    {
        var response = await _api.SendAsync(new HttpMethod(method), url);

        await Api.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    private static string SessionJson(int totalBytes, string title = "Big") =>
        $$"""{"title":"{{title}}","description":"{{new string('d', totalBytes - title.Length - 29)}}"}""";

    private static string Nested(int depth) => string.Concat(Enumerable.Repeat("""{"a":""", depth)) + "1" + new string('}', depth);

    private Task<HttpResponseMessage> PostJsonAsync(string url, string json, string adminCode)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Admin-Code", adminCode);
        return _api.Client.SendAsync(request);
    }

    private async Task<int> CountAsync(string from, object? parameters = null)
    {
        await using var db = new NpgsqlConnection(factory.ConnectionString);
        return await db.ExecuteScalarAsync<int>($"select count(*)::int from {from}", parameters);
    }

    /// <summary>A readable stream that cannot tell its length, so the body goes out without Content-Length.</summary>
    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
