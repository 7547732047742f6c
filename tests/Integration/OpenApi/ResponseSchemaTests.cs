using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.OpenApi;

/// <summary>
/// A client generated from the document must agree with the server: a scripted session (create,
/// join, activity, answers, reads, and the usual mistakes) where every real answer's status is
/// one the document lists for its route and its body fits the schema the document gives for it,
/// problem+json errors included.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ResponseSchemaTests(ConflictoApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();
    private ServedDocument _document = null!;
    private int _checked;

    [Fact]
    public async Task ScriptedSession_EveryAnswerFitsTheDocument()
    {
        _document = await ServedDocument.LoadAsync(_client);

        // Sessions, and the mistakes a client makes with them.
        var created = await CallAsync(HttpMethod.Post, "/api/v1/sessions/", [], new { title = "Schema check", max_participants = 10 }, expect: 201);
        var (id, admin, join) = (created["id"]!.GetValue<int>(), created["admin_code"]!.GetValue<string>(), created["join_code"]!.GetValue<string>());
        var other = await CallAsync(HttpMethod.Post, "/api/v1/sessions/", [], new { title = "Another" }, expect: 201);
        await CallAsync(HttpMethod.Post, "/api/v1/sessions/", [], new { description = "no title" }, expect: 422);
        await CallAsync(HttpMethod.Post, "/api/v1/sessions/", [], new StringContent("{}", Encoding.UTF8, "text/plain"), expect: 415);
        await CallAsync(HttpMethod.Post, "/api/v1/sessions/", [], new { title = new string('x', 300_000) }, expect: 413);
        await CallAsync(HttpMethod.Get, "/api/v1/sessions/", []);
        await CallAsync(HttpMethod.Get, "/api/v1/sessions/{sessionId}", [999_999], expect: 404);
        await CallAsync(HttpMethod.Get, "/api/v1/sessions/{sessionId}", ["abc"], expect: 422);
        await CallAsync(HttpMethod.Put, "/api/v1/sessions/{sessionId}", [id], new { title = "Renamed" }, expect: 401);
        await CallAsync(HttpMethod.Put, "/api/v1/sessions/{sessionId}", [id], new { title = "Renamed" }, admin: other["admin_code"]!.GetValue<string>(), expect: 403);
        await CallAsync(HttpMethod.Put, "/api/v1/sessions/{sessionId}", [id], new { title = "Renamed" }, admin: admin);
        await CallAsync(HttpMethod.Get, "/api/v1/sessions/code/{code}", [join]);
        await CallAsync(HttpMethod.Get, "/api/v1/sessions/code/{code}", ["ZZZZZZZZ"], expect: 404);
        var status = await SendAsync(HttpMethod.Get, "/api/v1/sessions/{sessionId}/status", [id]);
        await SendAsync(HttpMethod.Get, "/api/v1/sessions/{sessionId}/status", [id], etag: status.Headers.ETag!.Tag, expect: 304);

        // Activities: a draft (its stub for everyone but the host) and a poll that goes live.
        await CallAsync(HttpMethod.Get, "/api/v1/activities/types", []);
        await CallAsync(HttpMethod.Get, "/api/v1/activities/types/{activityType}/schema", ["poll"]);
        await CallAsync(HttpMethod.Get, "/api/v1/activities/types/{activityType}/schema", ["nope"], expect: 404);
        await CallAsync(HttpMethod.Post, "/api/v1/activities/validate", [], new { activity_type = "poll", configuration = new { question = "?" } });
        var poll = new { question = "Tea or coffee?", options = new[] { "Tea", "Coffee" } };
        var draft = (await CallAsync(HttpMethod.Post, "/api/v1/sessions/{sessionId}/activities/framework", [id],
            new { activity_type = "qa", title = "Later" }, admin: admin, expect: 201))["id"]!.GetValue<string>();
        var activity = (await CallAsync(HttpMethod.Post, "/api/v1/sessions/{sessionId}/activities/framework", [id],
            new { activity_type = "poll", title = "Drinks", configuration = poll }, admin: admin, expect: 201))["id"]!.GetValue<string>();
        await CallAsync(HttpMethod.Post, "/api/v1/sessions/{sessionId}/activities", [id], new { type = "poll", config = new { question = "?" } }, admin: admin, expect: 422);
        var legacy = (await CallAsync(HttpMethod.Post, "/api/v1/sessions/{sessionId}/activities", [id],
            new { type = "poll", config = poll }, admin: admin, expect: 201))["id"]!.GetValue<string>();
        await CallAsync(HttpMethod.Put, "/api/v1/activities/{activityId}", [legacy], new { order_index = 5 }, admin: admin);
        await CallAsync(HttpMethod.Patch, "/api/v1/activities/{activityId}/status?status=draft", [legacy], admin: admin);
        await CallAsync(HttpMethod.Delete, "/api/v1/activities/{activityId}", [legacy], admin: admin, expect: 204);
        Assert.True((await CallAsync(HttpMethod.Get, "/api/v1/activities/{activityId}", [draft]))["redacted"]!.GetValue<bool>());
        await CallAsync(HttpMethod.Get, "/api/v1/activities/{activityId}", [draft], admin: admin);
        await CallAsync(HttpMethod.Get, "/api/v1/activities/{activityId}", [Guid.NewGuid()], expect: 404);
        await CallAsync(HttpMethod.Get, "/api/v1/sessions/{sessionId}", [id]);
        await CallAsync(HttpMethod.Get, "/api/v1/sessions/{sessionId}/activities", [id]);
        var none = await SendAsync(HttpMethod.Get, "/api/v1/sessions/{sessionId}/activities/active", [id]);
        Assert.Equal("null", await none.Content.ReadAsStringAsync());
        await CallAsync(HttpMethod.Post, "/api/v1/activities/{activityId}/transition", [activity], new { target_state = "expired" }, admin: admin, expect: 409);
        await CallAsync(HttpMethod.Post, "/api/v1/activities/{activityId}/transition", [activity], new { target_state = "published" }, admin: admin);
        await CallAsync(HttpMethod.Post, "/api/v1/activities/{activityId}/transition", [activity], new { target_state = "active" }, admin: admin);
        await CallAsync(HttpMethod.Get, "/api/v1/sessions/{sessionId}/activities/active", [id]);

        // Participants answer.
        var ada = await CallAsync(HttpMethod.Post, "/api/v1/sessions/{sessionId}/join", [id], new { nickname = "Ada" });
        var (adaId, adaToken) = (int.Parse(ada["participant_id"]!.GetValue<string>()), ada["participant_token"]!.GetValue<string>());
        var grace = await CallAsync(HttpMethod.Post, "/api/v1/sessions/{sessionId}/join", [id], new { nickname = "Grace" });
        var (graceId, graceToken) = (int.Parse(grace["participant_id"]!.GetValue<string>()), grace["participant_token"]!.GetValue<string>());
        await CallAsync(HttpMethod.Post, "/api/v1/sessions/{sessionId}/join", [id], new { nickname = "" }, expect: 422);
        await CallAsync(HttpMethod.Get, "/api/v1/sessions/{sessionId}/nicknames/validate?nickname=Ada", [id]);
        await CallAsync(HttpMethod.Get, "/api/v1/sessions/{sessionId}/participants", [id]);
        await CallAsync(HttpMethod.Post, "/api/v1/participants/{participantId}/heartbeat", [adaId], new { }, token: adaToken);
        await CallAsync(HttpMethod.Post, "/api/v1/participants/{participantId}/heartbeat", [adaId], new { }, expect: 401);
        await CallAsync(HttpMethod.Post, "/api/v1/participants/{participantId}/heartbeat", [adaId], new { }, token: graceToken, expect: 403);
        var answer = (await CallAsync(HttpMethod.Post, "/api/v1/sessions/{sessionId}/activities/{activityId}/responses", [id, activity],
            new { response_data = new { selected_options = new[] { "Tea" } } }, token: adaToken, expect: 201))["id"]!.GetValue<string>();
        await CallAsync(HttpMethod.Post, "/api/v1/activities/{activityId}/responses", [activity],
            new { response_data = new { selected_options = new[] { "Milk" } } }, token: graceToken, expect: 422);
        await CallAsync(HttpMethod.Post, "/api/v1/activities/{activityId}/responses", [activity],
            new { response_data = new { selected_options = new[] { "Coffee" } } }, token: graceToken);
        await CallAsync(HttpMethod.Put, "/api/v1/responses/{responseId}", [answer], new { response_data = new { selected_options = new[] { "Coffee" } } }, token: adaToken);
        await CallAsync(HttpMethod.Get, "/api/v1/sessions/{sessionId}/activities/{activityId}/responses", [id, activity]);
        await CallAsync(HttpMethod.Get, "/api/v1/sessions/{sessionId}/activities/{activityId}/responses/since/{timestamp}", [id, activity, "0"]);
        await CallAsync(HttpMethod.Get, "/api/v1/sessions/{sessionId}/activities/{activityId}/responses/since/{timestamp}", [id, activity, "yesterday"], expect: 422);
        await CallAsync(HttpMethod.Get, "/api/v1/sessions/{sessionId}/activities/{activityId}/responses/{participantId}", [id, activity, adaId], token: adaToken);
        await CallAsync(HttpMethod.Get, "/api/v1/sessions/{sessionId}/participants/{participantId}/responses", [id, graceId], admin: admin);
        await CallAsync(HttpMethod.Get, "/api/v1/activities/{activityId}/results", [activity]);
        await CallAsync(HttpMethod.Get, "/api/v1/activities/{activityId}/status/framework", [activity]);
        await CallAsync(HttpMethod.Get, "/api/v1/sessions/{sessionId}/activities/{activityId}/status", [id, activity]);
        await CallAsync(HttpMethod.Get, "/api/v1/activities/{activityId}/processing", [activity]);
        await CallAsync(HttpMethod.Get, "/api/v1/jobs", [], admin: admin);
        await CallAsync(HttpMethod.Get, "/api/v1/jobs", [], expect: 401);
        await CallAsync(HttpMethod.Get, "/api/v1/sessions/{sessionId}/events?join_code=" + join, [id]);
        await CallAsync(HttpMethod.Get, "/api/v1/sessions/{sessionId}/events", [id], token: adaToken);
        await CallAsync(HttpMethod.Get, "/api/v1/sessions/{sessionId}/events", [id], expect: 401);

        // Leaving, the end of the session, and deleting it.
        await CallAsync(HttpMethod.Delete, "/api/v1/participants/{participantId}", [graceId], token: graceToken, expect: 204);
        await CallAsync(HttpMethod.Post, "/api/v1/participants/{participantId}/heartbeat", [graceId], new { }, token: graceToken, expect: 401);
        await CallAsync(HttpMethod.Delete, "/api/v1/responses/{responseId}", [answer], admin: admin, expect: 204);
        await CallAsync(HttpMethod.Put, "/api/v1/sessions/{sessionId}", [id], new { status = "completed" }, admin: admin);
        await CallAsync(HttpMethod.Post, "/api/v1/sessions/{sessionId}/join", [id], new { nickname = "Late" }, expect: 409);
        await CallAsync(HttpMethod.Delete, "/api/v1/sessions/{sessionId}", [id], admin: admin, expect: 204);

        Assert.True(_checked >= 60, $"only {_checked} answers checked");
    }

    [Theory]
    [InlineData(201, "application/json", "{\"id\":\"one\",\"title\":\"No admin code\"}")] // id a string, required fields missing
    [InlineData(201, "application/json", "{\"id\":1,\"created_at\":null}")]
    [InlineData(422, "application/problem+json", "{\"title\":\"No type, status or trace_id\"}")]
    [InlineData(418, "application/json", "{}")] // a status the document does not list
    public async Task Check_RefusesAnAnswerTheDocumentDoesNotDescribe(int status, string mediaType, string body)
    {
        _document = await ServedDocument.LoadAsync(_client);
        using var answer = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };

        await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => _document.AssertDescribesAsync(HttpMethod.Post, "/api/v1/sessions/", answer));
    }

    /// <summary>Calls the route, checks the answer against the document, and returns its JSON (an empty object for no body).</summary>
    private async Task<JsonNode> CallAsync(HttpMethod method, string route, object[] values, object? body = null,
        string? admin = null, string? token = null, int expect = 200)
    {
        var response = await SendAsync(method, route, values, body, admin, token, expect: expect);
        var text = await response.Content.ReadAsStringAsync();
        return (text.Length == 0 ? null : JsonNode.Parse(text)) ?? new JsonObject();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string route, object[] values, object? body = null,
        string? admin = null, string? token = null, string? etag = null, int expect = 200)
    {
        var path = route.Split('?')[0];
        var url = route;
        foreach (var value in values) url = url[..url.IndexOf('{')] + Uri.EscapeDataString(value.ToString()!) + url[(url.IndexOf('}') + 1)..];
        using var request = new HttpRequestMessage(method, url);
        request.Content = body switch { null => null, HttpContent content => content, _ => JsonContent.Create(body, options: Api.Json) };
        if (admin is not null) request.Headers.Add("X-Admin-Code", admin);
        if (token is not null) request.Headers.Authorization = new("Bearer", token);
        if (etag is not null) request.Headers.IfNoneMatch.ParseAdd(etag);
        var response = await _client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        Assert.True((int)response.StatusCode == expect,
            $"{method} {url}: expected {expect}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        await _document.AssertDescribesAsync(method, path, response);
        _checked++;
        return response;
    }
}
