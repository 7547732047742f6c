using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Activities;

/// <summary>Framework create, the state machine (transition) and the framework status view.</summary>
[Collection(ApiCollection.Name)]
public sealed class FrameworkLifecycleTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task CreateFramework_StoresTitleDescriptionMetadata_AndStartsAsDraft()
    {
        var session = await _api.CreateSessionAsync();

        var response = await _api.SendAsync(HttpMethod.Post, $"/api/v1/sessions/{session.Id}/activities/framework", new
        {
            activity_type = "word_cloud", title = "  Warm-up  ", description = "Say hi", configuration = new { prompt = "Mood?" },
            activity_metadata = new { color = "blue" }, order_index = 2,
        }, adminCode: session.AdminCode);

        var body = await Api.ReadAsync(response, HttpStatusCode.Created);
        Assert.Equal("Warm-up", body["title"]!.GetValue<string>());
        Assert.Equal("Say hi", body["description"]!.GetValue<string>());
        Assert.Equal("blue", body["activity_metadata"]!["color"]!.GetValue<string>());
        Assert.Equal("Mood?", body["configuration"]!["prompt"]!.GetValue<string>());
        Assert.Equal("draft", body["state"]!.GetValue<string>());
        Assert.Equal("draft", body["status"]!.GetValue<string>());
        Assert.Equal(2, body["order_index"]!.GetValue<int>());
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"activity_type":"custom"}""", "title" },
        { """{"activity_type":"custom","title":"  "}""", "title" },
        { """{"title":"T"}""", "activity_type" },
        { """{"activity_type":"poll","title":"T","configuration":{"question":"Q","options":["A"]}}""", "configuration" },
        { """{"activity_type":"word_cloud","title":"T","configuration":{}}""", "configuration" },
        { """{"activity_type":"custom","title":"T","activity_metadata":[1]}""", "activity_metadata" },
        { """{"activity_type":"custom","title":"T","order_index":-1}""", "order_index" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task CreateFramework_WithInvalidBody_Is422(string json, string field)
    {
        var session = await _api.CreateSessionAsync();

        var response = await _api.SendAsync(HttpMethod.Post, $"/api/v1/sessions/{session.Id}/activities/framework", JsonNode.Parse(json), adminCode: session.AdminCode);

        var problem = await Api.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task CreateFramework_WithoutOrWithWrongAdminCode_Is401Or403_AndUnknownSessionIs404()
    {
        var session = await _api.CreateSessionAsync();
        var other = await _api.CreateSessionAsync();
        var body = new { activity_type = "custom", title = "T" };
        var url = $"/api/v1/sessions/{session.Id}/activities/framework";

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Post, url, body), HttpStatusCode.Unauthorized);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Post, url, body, adminCode: other.AdminCode), HttpStatusCode.Forbidden);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Post, "/api/v1/sessions/987654321/activities/framework", body, adminCode: session.AdminCode),
            HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Transition_AlongTheFullPath_SetsStatusStartedAtAndCompletedAt()
    {
        var session = await _api.CreateSessionAsync();
        var id = await _api.CreateActivityAsync(session, "custom", new { });

        var published = await TransitionOkAsync(session, id, "published");
        Assert.Equal("published", published["state"]!.GetValue<string>());
        Assert.Equal("draft", published["status"]!.GetValue<string>());
        Assert.Null(published["started_at"]);

        var active = await TransitionOkAsync(session, id, "active");
        Assert.Equal("active", active["status"]!.GetValue<string>());
        Assert.NotNull(active["started_at"]);
        Assert.Null(active["completed_at"]);

        var expired = await TransitionOkAsync(session, id, "expired");
        Assert.Equal("expired", expired["state"]!.GetValue<string>());
        Assert.Equal("completed", expired["status"]!.GetValue<string>());
        Assert.Equal(active["started_at"]!.GetValue<DateTime>(), expired["started_at"]!.GetValue<DateTime>());
        Assert.True(expired["completed_at"]!.GetValue<DateTime>() >= expired["started_at"]!.GetValue<DateTime>());
        Assert.Equal("expired", (await _api.ActivityAsync(id))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Transition_DraftToActive_Is409_NamingTheValidTransitions()
    {
        var session = await _api.CreateSessionAsync();
        var id = await _api.CreateActivityAsync(session, "custom", new { });

        var problem = await Api.ProblemAsync(await _api.TransitionRawAsync(session, id, new { target_state = "active" }), HttpStatusCode.Conflict);

        Assert.Contains("published", problem["detail"]!.GetValue<string>());
        Assert.Equal("draft", (await _api.ActivityAsync(id))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Transition_ExpiredToActive_Is409_WithNoValidTransitions()
    {
        var session = await _api.CreateSessionAsync();
        var id = await _api.CreateActiveActivityAsync(session, "custom", new { });
        await _api.TransitionAsync(session, id, "expired");

        var problem = await Api.ProblemAsync(await _api.TransitionRawAsync(session, id, new { target_state = "active" }), HttpStatusCode.Conflict);

        Assert.Contains("none", problem["detail"]!.GetValue<string>());
        Assert.Equal("expired", (await _api.ActivityAsync(id))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Transition_WithForce_AllowsDraftToActive()
    {
        var session = await _api.CreateSessionAsync();
        var id = await _api.CreateActivityAsync(session, "custom", new { });

        var body = await Api.ReadAsync(await _api.TransitionRawAsync(session, id, new { target_state = "active", force = true, reason = "skip" }), HttpStatusCode.OK);

        Assert.Equal("active", body["state"]!.GetValue<string>());
        Assert.NotNull(body["started_at"]);
    }

    [Fact]
    public async Task Transition_ToTheCurrentState_Is409()
    {
        var session = await _api.CreateSessionAsync();
        var id = await _api.CreateActivityAsync(session, "custom", new { });

        await Api.ProblemAsync(await _api.TransitionRawAsync(session, id, new { target_state = "draft", force = true }), HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("""{"target_state":"running"}""", "target_state")]
    [InlineData("""{}""", "target_state")]
    [InlineData("""{"target_state":"published","reason":"__LONG__"}""", "reason")]
    public async Task Transition_WithInvalidBody_Is422(string json, string field)
    {
        var session = await _api.CreateSessionAsync();
        var id = await _api.CreateActivityAsync(session, "custom", new { });

        var body = JsonNode.Parse(json.Replace("__LONG__", new string('r', 501)));
        var problem = await Api.ProblemAsync(await _api.TransitionRawAsync(session, id, body!), HttpStatusCode.UnprocessableEntity);

        Assert.NotNull(problem["errors"]![field]);
        Assert.Equal("draft", (await _api.ActivityAsync(id))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Transition_WithReasonOf500Chars_IsAccepted()
    {
        var session = await _api.CreateSessionAsync();
        var id = await _api.CreateActivityAsync(session, "custom", new { });

        await Api.ReadAsync(await _api.TransitionRawAsync(session, id, new { target_state = "published", reason = new string('r', 500) }), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Transition_NeedsTheAdminCode_AndUnknownActivityIs404()
    {
        var session = await _api.CreateSessionAsync();
        var other = await _api.CreateSessionAsync();
        var id = await _api.CreateActivityAsync(session, "custom", new { });
        var url = $"/api/v1/activities/{id}/transition";

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Post, url, new { target_state = "published" }), HttpStatusCode.Unauthorized);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Post, url, new { target_state = "published" }, adminCode: other.AdminCode), HttpStatusCode.Forbidden);
        await Api.ProblemAsync(await _api.TransitionRawAsync(session, Guid.NewGuid(), new { target_state = "published" }), HttpStatusCode.NotFound);
        Assert.Equal("draft", (await _api.ActivityAsync(id))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task FrameworkStatus_ListsValidTransitionsForEachState()
    {
        var session = await _api.CreateSessionAsync();
        var id = await _api.CreateActivityAsync(session, "custom", new { });

        Assert.Equal(["published"], (await _api.FrameworkStatusAsync(id, session.AdminCode))["valid_transitions"].Strings());
        await _api.TransitionAsync(session, id, "published");
        Assert.Equal(["draft", "active"], (await _api.FrameworkStatusAsync(id, session.AdminCode))["valid_transitions"].Strings());
        await _api.TransitionAsync(session, id, "active");
        Assert.Equal(["expired"], (await _api.FrameworkStatusAsync(id, session.AdminCode))["valid_transitions"].Strings());
        await _api.TransitionAsync(session, id, "expired");
        var expired = await _api.FrameworkStatusAsync(id, session.AdminCode);
        Assert.Empty(expired["valid_transitions"]!.AsArray());
        Assert.Equal("completed", expired["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task FrameworkStatus_ResultsAreNullBeforeResponses_AndPresentAfter()
    {
        var session = await _api.CreateSessionAsync();
        var participant = await _api.JoinAsync(session, "Ada");
        var id = await _api.CreateActiveActivityAsync(session, "poll", ActivityTestApi.Poll("Yes", "No"));

        var before = await _api.FrameworkStatusAsync(id);
        Assert.Null(before["results"]);
        Assert.Equal(0, before["response_count"]!.GetValue<int>());

        await _api.SubmitOkAsync(participant, id, new { option_index = 1 });

        var after = await _api.FrameworkStatusAsync(id);
        Assert.Equal(1, after["response_count"]!.GetValue<int>());
        Assert.Equal(1, after["results"]!["options"]![1]!["votes"]!.GetValue<int>());
        // Every activity is queued for schema analysis when created (docs/processing.md).
        Assert.Contains(after["processing_status"]!.GetValue<string>(), new[] { "pending", "processing", "completed" });
    }

    [Fact]
    public async Task FrameworkStatus_OfUnknownActivity_Is404()
    {
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"/api/v1/activities/{Guid.NewGuid()}/status/framework"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ActivityWithTimeLimit_ExpiresByItself()
    {
        var session = await _api.CreateSessionAsync();
        var id = await _api.CreateActiveActivityAsync(session, "poll", new { question = "Quick?", options = new[] { "Yes", "No" }, time_limit_seconds = 1 });
        Assert.NotNull((await _api.ActivityAsync(id))["expires_at"]);

        // Behaviour check, not a timing assertion: the sweeper runs every second, so allow it ample time.
        var state = "active";
        for (var clock = Stopwatch.StartNew(); state != "expired" && clock.Elapsed < TimeSpan.FromSeconds(10);)
        {
            await Task.Delay(200);
            state = (await _api.FrameworkStatusAsync(id))["state"]!.GetValue<string>();
        }

        Assert.Equal("expired", state);
        var activity = await _api.ActivityAsync(id);
        Assert.Equal("completed", activity["status"]!.GetValue<string>());
        Assert.NotNull(activity["completed_at"]);
    }

    private async Task<JsonNode> TransitionOkAsync(Api.Session session, Guid id, string target) =>
        await Api.ReadAsync(await _api.TransitionRawAsync(session, id, new { target_state = target }), HttpStatusCode.OK);
}
