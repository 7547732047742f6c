using System.Net;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.OpenApi;

/// <summary>
/// The <c>required</c> lists of the request schemas are what the server requires: for each
/// property, the same full, valid request without it is refused (4xx) exactly when the document
/// lists it as required, and succeeds otherwise.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class RequiredFieldsTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task SessionCreate_RequiresExactlyTheTitle()
    {
        var outcomes = await LeaveEachOutAsync("SessionCreate",
            new JsonObject { ["title"] = "Quarterly review", ["description"] = "All hands", ["max_participants"] = 50 },
            body => _api.SendAsync(HttpMethod.Post, "/api/v1/sessions/", body));

        Assert.Equal(["title"], outcomes.Required);
    }

    [Fact]
    public async Task SessionUpdate_RequiresNothing()
    {
        var session = await _api.CreateSessionAsync();

        var outcomes = await LeaveEachOutAsync("SessionUpdate",
            new JsonObject { ["title"] = "Renamed", ["description"] = "New words", ["max_participants"] = 60, ["status"] = "draft" },
            body => _api.SendAsync(HttpMethod.Put, $"/api/v1/sessions/{session.Id}", body, adminCode: session.AdminCode));

        Assert.Empty(outcomes.Required);
    }

    [Fact]
    public async Task ActivityCreate_RequiresExactlyTheType()
    {
        var session = await _api.CreateSessionAsync();

        var outcomes = await LeaveEachOutAsync("ActivityCreate",
            new JsonObject { ["type"] = "qa", ["config"] = new JsonObject { ["topic"] = "Questions" }, ["order_index"] = 1, ["status"] = "draft" },
            body => _api.SendAsync(HttpMethod.Post, $"/api/v1/sessions/{session.Id}/activities", body, adminCode: session.AdminCode));

        Assert.Equal(["type"], outcomes.Required);
    }

    [Fact]
    public async Task FrameworkActivityCreate_RequiresExactlyTheTypeAndTitle()
    {
        var session = await _api.CreateSessionAsync();

        var outcomes = await LeaveEachOutAsync("FrameworkActivityCreate",
            new JsonObject
            {
                ["activity_type"] = "qa", ["title"] = "Questions", ["description"] = "Ask away",
                ["configuration"] = new JsonObject { ["topic"] = "Questions" }, ["activity_metadata"] = new JsonObject { ["room"] = "A" }, ["order_index"] = 2,
            },
            body => _api.SendAsync(HttpMethod.Post, $"/api/v1/sessions/{session.Id}/activities/framework", body, adminCode: session.AdminCode));

        Assert.Equal(["activity_type", "title"], outcomes.Required);
    }

    [Fact]
    public async Task TransitionAndJoinAndAnswer_RequireWhatTheDocumentSays()
    {
        var session = await _api.CreateSessionAsync();
        var activity = await _api.CreateActivityAsync(session, "qa", new { topic = "Questions" });
        var participant = await _api.JoinAsync(session, "Ada");

        var transition = await LeaveEachOutAsync("ActivityTransitionRequest",
            new JsonObject { ["target_state"] = "published", ["reason"] = "ready", ["force"] = false, ["keep_others_open"] = true },
            async body => // a fresh draft each time: draft → published is always allowed
                await _api.SendAsync(HttpMethod.Post, $"/api/v1/activities/{await _api.CreateActivityAsync(session, "qa", new { topic = "More" })}/transition",
                    body, adminCode: session.AdminCode));
        var join = await LeaveEachOutAsync("ParticipantJoinRequest", new JsonObject { ["nickname"] = "Grace" },
            body => _api.SendAsync(HttpMethod.Post, $"/api/v1/sessions/{session.Id}/join", body));
        await _api.TransitionAsync(session, activity, "active", force: true);
        var answer = await LeaveEachOutAsync("UserResponseCreate",
            new JsonObject { ["response_data"] = new JsonObject { ["type"] = "question", ["question_text"] = "Why?" } },
            body => _api.SendAsync(HttpMethod.Post, $"/api/v1/activities/{activity}/responses", body, token: participant.Token));

        Assert.Equal(["target_state"], transition.Required);
        Assert.Equal(["nickname"], join.Required);
        Assert.Equal(["response_data"], answer.Required);
    }

    private sealed record Outcomes(IReadOnlyList<string> Required);

    /// <summary>
    /// Sends <paramref name="full"/> (which must succeed), then once without each of the schema's properties, checks each answer
    /// against the document's <c>required</c> list, and returns that list (sorted) for the test to pin.
    /// </summary>
    private async Task<Outcomes> LeaveEachOutAsync(string schemaName, JsonObject full, Func<JsonObject, Task<HttpResponseMessage>> send)
    {
        var document = await ServedDocument.LoadAsync(_api.Client);
        var schema = document.Schema(schemaName);
        var required = schema["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
        var properties = schema["properties"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Equal(properties.Order(), full.Select(p => p.Key).Order()); // the test sends every property the schema has

        var whole = await send(full);
        Assert.True(whole.IsSuccessStatusCode, $"{schemaName} in full: {(int)whole.StatusCode} {await whole.Content.ReadAsStringAsync()}");
        var mismatches = new List<string>();
        foreach (var property in properties)
        {
            var body = full.DeepClone().AsObject();
            body.Remove(property);
            var response = await send(body);
            var status = (int)response.StatusCode;
            var refused = status is >= 400 and < 500;
            if (refused != required.Contains(property) || status >= 500)
                mismatches.Add($"{schemaName} without {property}: {status} {await response.Content.ReadAsStringAsync()} (document: {(required.Contains(property) ? "required" : "optional")})");
        }
        Assert.Empty(mismatches);
        return new Outcomes(required.Order().ToList());
    }
}
