using System.Net;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Activities;

/// <summary>Legacy list, get, update, delete and status change of activities.</summary>
[Collection(ApiCollection.Name)]
public sealed class ActivityCrudTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task ListActivities_PagesInOrder_AndTotalCountsAll()
    {
        var session = await _api.CreateSessionAsync();
        for (var i = 4; i >= 0; i--) await _api.CreateLegacyOkAsync(session, new { type = $"custom_{i}", order_index = i });

        var page = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/activities?offset=1&limit=2", adminCode: session.AdminCode); // drafts: the host's view

        Assert.Equal(5, page["total"]!.GetValue<int>());
        var types = page["activities"]!.AsArray().Select(a => a!["type"]!.GetValue<string>()).ToArray();
        Assert.Equal(["custom_1", "custom_2"], types);
    }

    [Fact]
    public async Task ListActivities_WithStatusFilter_ReturnsOnlyThatStatus_AndItsTotal()
    {
        var session = await _api.CreateSessionAsync();
        await _api.CreateLegacyOkAsync(session, new { type = "custom", status = "draft" });
        var active = await _api.CreateLegacyOkAsync(session, new { type = "custom", status = "active" });
        await _api.CreateLegacyOkAsync(session, new { type = "custom", status = "completed" });

        var list = await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/activities?status=active");

        Assert.Equal(1, list["total"]!.GetValue<int>());
        Assert.Equal(active.Id(), Assert.Single(list["activities"]!.AsArray())!.Id());
    }

    [Theory]
    [InlineData("status=running")]
    [InlineData("limit=0")]
    [InlineData("offset=-1")]
    [InlineData("limit=abc")]
    public async Task ListActivities_WithBadQuery_Is422(string query)
    {
        var session = await _api.CreateSessionAsync();

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}/activities?{query}"), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task ListActivities_OfUnknownSession_Is404()
    {
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, "/api/v1/sessions/987654321/activities"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetActivity_ReturnsIt_UnknownIs404_AndNonUuidIs422()
    {
        var session = await _api.CreateSessionAsync();
        var created = await _api.CreateLegacyOkAsync(session, new { type = "word_cloud", config = new { prompt = "Mood?" } });

        var fetched = await _api.ActivityAsync(created.Id(), session.AdminCode);

        Assert.Equal("Mood?", fetched["config"]!["prompt"]!.GetValue<string>());
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"/api/v1/activities/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, "/api/v1/activities/not-a-uuid"), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task UpdateActivity_WithOnlyOrderIndex_KeepsTypeConfigAndStatus()
    {
        var session = await _api.CreateSessionAsync();
        var created = await _api.CreateLegacyOkAsync(session, new { type = "poll", config = ActivityTestApi.Poll("A", "B"), status = "active" });

        var response = await _api.SendAsync(HttpMethod.Put, $"/api/v1/activities/{created.Id()}", new { order_index = 7 }, adminCode: session.AdminCode);

        var updated = await Api.ReadAsync(response, HttpStatusCode.OK);
        Assert.Equal(7, updated["order_index"]!.GetValue<int>());
        Assert.Equal("poll", updated["type"]!.GetValue<string>());
        Assert.Equal(["A", "B"], updated["config"]!["options"].Strings());
        Assert.Equal("active", updated["status"]!.GetValue<string>());
        Assert.Equal(7, (await _api.ActivityAsync(created.Id(), session.AdminCode))["order_index"]!.GetValue<int>());
    }

    [Fact]
    public async Task UpdateActivity_WithNewConfig_ReplacesIt()
    {
        var session = await _api.CreateSessionAsync();
        var created = await _api.CreateLegacyOkAsync(session, new { type = "poll", config = ActivityTestApi.Poll("A", "B") });

        var response = await _api.SendAsync(HttpMethod.Put, $"/api/v1/activities/{created.Id()}",
            new { config = ActivityTestApi.Poll("X", "Y", "Z") }, adminCode: session.AdminCode);

        var updated = await Api.ReadAsync(response, HttpStatusCode.OK);
        Assert.Equal(["X", "Y", "Z"], updated["configuration"]!["options"].Strings());
        Assert.Equal("draft", updated["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpdateActivity_WithInvalidConfig_Is422_AndChangesNothing()
    {
        var session = await _api.CreateSessionAsync();
        var created = await _api.CreateLegacyOkAsync(session, new { type = "poll", config = ActivityTestApi.Poll("A", "B") });

        var response = await _api.SendAsync(HttpMethod.Put, $"/api/v1/activities/{created.Id()}",
            new { config = new { question = "Q", options = new[] { "Only" } } }, adminCode: session.AdminCode);

        var problem = await Api.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(problem["errors"]!["config"]);
        Assert.Equal(["A", "B"], (await _api.ActivityAsync(created.Id(), session.AdminCode))["config"]!["options"].Strings());
    }

    [Fact]
    public async Task UpdateActivity_ChangingTypeToOneTheConfigDoesNotFit_Is422()
    {
        var session = await _api.CreateSessionAsync();
        var created = await _api.CreateLegacyOkAsync(session, new { type = "poll", config = ActivityTestApi.Poll("A", "B") });

        var response = await _api.SendAsync(HttpMethod.Put, $"/api/v1/activities/{created.Id()}", new { type = "planning_poker" }, adminCode: session.AdminCode);

        await Api.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("poll", (await _api.ActivityAsync(created.Id(), session.AdminCode))["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpdateActivity_WithoutOrWithWrongAdminCode_Is401Or403_AndUnknownIs404()
    {
        var session = await _api.CreateSessionAsync();
        var other = await _api.CreateSessionAsync();
        var created = await _api.CreateLegacyOkAsync(session, new { type = "custom", order_index = 1 });
        var url = $"/api/v1/activities/{created.Id()}";

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Put, url, new { order_index = 9 }), HttpStatusCode.Unauthorized);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Put, url, new { order_index = 9 }, adminCode: other.AdminCode), HttpStatusCode.Forbidden);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/activities/{Guid.NewGuid()}", new { order_index = 9 }, adminCode: session.AdminCode),
            HttpStatusCode.NotFound);
        Assert.Equal(1, (await _api.ActivityAsync(created.Id(), session.AdminCode))["order_index"]!.GetValue<int>());
    }

    [Fact]
    public async Task DeleteActivity_NeedsAdminCode_Is204_ThenGetIs404()
    {
        var session = await _api.CreateSessionAsync();
        var other = await _api.CreateSessionAsync();
        var id = (await _api.CreateLegacyOkAsync(session, new { type = "custom" })).Id();
        var url = $"/api/v1/activities/{id}";

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Delete, url), HttpStatusCode.Unauthorized);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Delete, url, adminCode: other.AdminCode), HttpStatusCode.Forbidden);
        await _api.ActivityAsync(id);

        var deleted = await _api.SendAsync(HttpMethod.Delete, url, adminCode: session.AdminCode);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, url), HttpStatusCode.NotFound);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Delete, url, adminCode: session.AdminCode), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SetStatus_MovesFreely_AsTheLegacyApiDid()
    {
        var session = await _api.CreateSessionAsync();
        var id = (await _api.CreateLegacyOkAsync(session, new { type = "custom" })).Id();

        foreach (var (status, state) in new[] { ("completed", "expired"), ("active", "active"), ("draft", "draft"), ("cancelled", "expired") })
        {
            var response = await _api.SendAsync(HttpMethod.Patch, $"/api/v1/activities/{id}/status?status={status}", adminCode: session.AdminCode);
            var body = await Api.ReadAsync(response, HttpStatusCode.OK);
            Assert.Equal(status, body["status"]!.GetValue<string>());
            Assert.Equal(state, body["state"]!.GetValue<string>());
        }
        Assert.Equal("cancelled", (await _api.ActivityAsync(id))["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("")]
    [InlineData("?status=running")]
    public async Task SetStatus_MissingOrUnknownStatus_Is422(string query)
    {
        var session = await _api.CreateSessionAsync();
        var id = (await _api.CreateLegacyOkAsync(session, new { type = "custom" })).Id();

        var response = await _api.SendAsync(HttpMethod.Patch, $"/api/v1/activities/{id}/status{query}", adminCode: session.AdminCode);

        var problem = await Api.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(problem["errors"]!["status"]);
        Assert.Equal("draft", (await _api.ActivityAsync(id, session.AdminCode))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task SetStatus_WithoutOrWithWrongAdminCode_Is401Or403()
    {
        var session = await _api.CreateSessionAsync();
        var other = await _api.CreateSessionAsync();
        var id = (await _api.CreateLegacyOkAsync(session, new { type = "custom" })).Id();
        var url = $"/api/v1/activities/{id}/status?status=active";

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Patch, url), HttpStatusCode.Unauthorized);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Patch, url, adminCode: other.AdminCode), HttpStatusCode.Forbidden);
        Assert.Equal("draft", (await _api.ActivityAsync(id, session.AdminCode))["status"]!.GetValue<string>());
    }
}
