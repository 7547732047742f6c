using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conflicto.Tests.Integration.Infrastructure;

/// <summary>Small helpers that set up sessions, participants and activities through the public API.</summary>
public sealed class Api(HttpClient client)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, string> _hostOf = new();

    public HttpClient Client => client;

    /// <summary>
    /// The admin code of the session of an activity this Api created, so helpers that follow an
    /// activity's own routes (processing, results) can ask as its host: a draft's are the host's only.
    /// </summary>
    public string? AdminCodeOf(Guid activityId) => _hostOf.GetValueOrDefault(activityId);

    public sealed record Session(int Id, string AdminCode, string JoinCode);

    public sealed record Participant(int Id, string Token, string Nickname, int SessionId);

    public async Task<Session> CreateSessionAsync(string title = "Test session", int maxParticipants = 100)
    {
        var response = await client.PostAsJsonAsync("/api/v1/sessions/", new { title, max_participants = maxParticipants });
        var body = await ReadAsync(response, HttpStatusCode.Created);
        return new Session(body["id"]!.GetValue<int>(), body["admin_code"]!.GetValue<string>(), body["join_code"]!.GetValue<string>());
    }

    public async Task<Participant> JoinAsync(Session session, string nickname)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/sessions/{session.Id}/join", new { nickname });
        var body = await ReadAsync(response, HttpStatusCode.OK);
        return new Participant(int.Parse(body["participant_id"]!.GetValue<string>()), body["participant_token"]!.GetValue<string>(),
            body["nickname"]!.GetValue<string>(), session.Id);
    }

    /// <summary>
    /// Creates a framework activity and moves it to active, which closes the session's open
    /// activities unless <paramref name="keepOthersOpen"/> (for tests that need several open at once).
    /// </summary>
    public async Task<Guid> CreateActiveActivityAsync(Session session, string type, object configuration, string title = "Activity", bool keepOthersOpen = false)
    {
        var id = await CreateActivityAsync(session, type, configuration, title);
        await TransitionAsync(session, id, "published");
        await TransitionAsync(session, id, "active", keepOthersOpen: keepOthersOpen);
        return id;
    }

    public async Task<Guid> CreateActivityAsync(Session session, string type, object configuration, string title = "Activity")
    {
        var response = await SendAsync(HttpMethod.Post, $"/api/v1/sessions/{session.Id}/activities/framework",
            new { activity_type = type, title, configuration }, adminCode: session.AdminCode);
        var body = await ReadAsync(response, HttpStatusCode.Created);
        var id = Guid.Parse(body["id"]!.GetValue<string>());
        _hostOf[id] = session.AdminCode;
        return id;
    }

    public async Task TransitionAsync(Session session, Guid activityId, string target, bool force = false, bool keepOthersOpen = false)
    {
        object body = keepOthersOpen ? new { target_state = target, force, keep_others_open = true } : new { target_state = target, force };
        var response = await SendAsync(HttpMethod.Post, $"/api/v1/activities/{activityId}/transition", body, adminCode: session.AdminCode);
        await ReadAsync(response, HttpStatusCode.OK);
    }

    public Task<HttpResponseMessage> SubmitAsync(Participant participant, Guid activityId, object responseData, string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Post, $"/api/v1/sessions/{participant.SessionId}/activities/{activityId}/responses",
            new { response_data = responseData }, token: participant.Token, idempotencyKey: idempotencyKey);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body = null,
        string? adminCode = null, string? token = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is HttpContent content) request.Content = content; // an upload: sent as it is
        else if (body is not null) request.Content = JsonContent.Create(body, options: Json);
        if (adminCode is not null) request.Headers.Add("X-Admin-Code", adminCode);
        if (token is not null) request.Headers.Authorization = new("Bearer", token);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request);
    }

    public async Task<JsonNode> GetJsonAsync(string url, HttpStatusCode expected = HttpStatusCode.OK, string? adminCode = null, string? token = null) =>
        await ReadAsync(await SendAsync(HttpMethod.Get, url, adminCode: adminCode, token: token), expected);

    /// <summary>Asserts the status code (showing the body when it differs) and parses the JSON body.</summary>
    public static async Task<JsonNode> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} but got {(int)response.StatusCode}: {text}");
        return string.IsNullOrEmpty(text) ? JsonValue.Create((string?)null)! : JsonNode.Parse(text) ?? JsonValue.Create((string?)null)!;
    }

    /// <summary>Asserts a problem+json answer with the given status, and returns it.</summary>
    public static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await ReadAsync(response, expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)expected, body["status"]!.GetValue<int>());
        return body;
    }
}
