using System.Net;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Activities;

/// <summary>Scale, ranking, open text and numeric guess over REST: create, answer, edit, withdraw, results, refusals.</summary>
[Collection(ApiCollection.Name)]
public sealed class NewActivityTypesTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    private async Task<Guid> EditAsync(Api.Participant p, Guid responseId, object data) =>
        Guid.Parse((await Api.ReadAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/responses/{responseId}", new { response_data = data }, token: p.Token),
            HttpStatusCode.OK))["id"]!.GetValue<string>());

    private async Task WithdrawAsync(Api.Participant p, Guid responseId) =>
        Assert.Equal(HttpStatusCode.NoContent, (await _api.SendAsync(HttpMethod.Delete, $"/api/v1/responses/{responseId}", token: p.Token)).StatusCode);

    [Fact]
    public async Task Scale_SubmitEditWithdraw_ResultsFollow()
    {
        var session = await _api.CreateSessionAsync();
        var p = await _api.JoinManyAsync(session, 3);
        var id = await _api.CreateActiveActivityAsync(session, "scale", new { question = "Rate", statements = new[] { "Pace", "Content" }, scale_max = 4 });

        var first = await _api.SubmitIdAsync(p[0], id, new { ratings = new int?[] { 4, 2 } });
        await _api.SubmitOkAsync(p[1], id, new { ratings = new int?[] { 2, null } });
        var third = await _api.SubmitIdAsync(p[2], id, new { ratings = new int?[] { 1, 1 } });
        await EditAsync(p[0], first, new { ratings = new int?[] { 3, 3 } });
        await WithdrawAsync(p[2], third);

        var body = await _api.ResultsAsync(id);
        Assert.Equal("scale", body["activity_type"]!.GetValue<string>());
        var statements = body["results"]!["statements"]!.AsArray();
        Assert.Equal(2.5, statements[0]!["average"]!.GetValue<double>());
        Assert.Equal([0, 1, 1, 0], statements[0]!["distribution"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.Equal(1, statements[1]!["count"]!.GetValue<int>());
        Assert.Equal(2, body["results"]!["total_responses"]!.GetValue<int>());
    }

    [Fact]
    public async Task Ranking_BordaPointsAndAveragePositionOverRest()
    {
        var session = await _api.CreateSessionAsync();
        var p = await _api.JoinManyAsync(session, 2);
        var id = await _api.CreateActiveActivityAsync(session, "ranking", new { question = "Order", items = new[] { "A", "B", "C" } });

        await _api.SubmitOkAsync(p[0], id, new { order = new[] { 2, 0, 1 } });
        var second = await _api.SubmitIdAsync(p[1], id, new { order = new[] { 0, 1, 2 } });
        await EditAsync(p[1], second, new { order = new[] { 2, 1, 0 } });

        var results = (await _api.ResultsAsync(id))["results"]!;
        Assert.Equal("borda", results["method"]!.GetValue<string>());
        var top = results["items"]![0]!;
        Assert.Equal(("C", 4, 1.0), (top["text"]!.GetValue<string>(), top["points"]!.GetValue<int>(), top["average_position"]!.GetValue<double>()));
    }

    [Fact]
    public async Task OpenText_CountsAlways_ShowsAnswersOnlyWhenTheHostSaysSo()
    {
        var session = await _api.CreateSessionAsync();
        var p = await _api.JoinManyAsync(session, 2);
        var config = new JsonObject { ["question"] = "Ideas?", ["max_answers_per_participant"] = 2 };
        var id = await _api.CreateActiveActivityAsync(session, "open_text", config);

        await _api.SubmitOkAsync(p[0], id, new { text = "More breaks please" });
        await _api.SubmitOkAsync(p[0], id, new { text = "Great speaker" });
        await Api.ProblemAsync(await _api.SubmitAsync(p[0], id, new { text = "third" }), HttpStatusCode.Conflict);
        await _api.SubmitOkAsync(p[1], id, new { text = "Louder microphone" });

        var hidden = (await _api.ResultsAsync(id))["results"]!;
        Assert.Equal(3, hidden["total_answers"]!.GetValue<int>());
        Assert.False(hidden["answers_shown"]!.GetValue<bool>());
        Assert.Empty(hidden["answers"]!.AsArray());

        config["show_answers"] = true;
        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/activities/{id}", new { config }, adminCode: session.AdminCode), HttpStatusCode.OK);
        var shown = (await _api.ResultsAsync(id))["results"]!;
        Assert.Equal(3, shown["answers"]!.AsArray().Count);
    }

    [Fact]
    public async Task OpenText_HostRejectsAnAnswer_ItLeavesTheResults()
    {
        var session = await _api.CreateSessionAsync();
        var p = await _api.JoinAsync(session, "Ada");
        var id = await _api.CreateActiveActivityAsync(session, "open_text", new { question = "Ideas?", show_answers = true });
        var answer = await _api.SubmitIdAsync(p, id, new { text = "something rude" });

        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Post, $"/api/v1/responses/{answer}/moderation", new { decision = "reject" }, adminCode: session.AdminCode), HttpStatusCode.OK);

        var results = (await _api.ResultsAsync(id))["results"]!;
        Assert.Equal(0, results["total_answers"]!.GetValue<int>());
        Assert.Empty(results["answers"]!.AsArray());
    }

    [Fact]
    public async Task Numeric_CorrectValueIsHiddenFromEveryoneButTheHostUntilRevealed()
    {
        var session = await _api.CreateSessionAsync();
        var p = await _api.JoinManyAsync(session, 3);
        var config = new JsonObject { ["question"] = "Tower height?", ["min"] = 0, ["max"] = 1000, ["correct_value"] = 324.5 };
        var id = await _api.CreateActiveActivityAsync(session, "numeric", config);
        await _api.SubmitOkAsync(p[0], id, new { value = 300 });
        await _api.SubmitOkAsync(p[1], id, new { value = 350 });
        await _api.SubmitOkAsync(p[2], id, new { value = 900 });

        string[] publicReads =
        [
            $"/api/v1/activities/{id}", $"/api/v1/sessions/{session.Id}/activities", $"/api/v1/sessions/{session.Id}/activities/active",
            $"/api/v1/sessions/{session.Id}", $"/api/v1/activities/{id}/results", $"/api/v1/activities/{id}/status/framework",
            $"/api/v1/activities/{id}/processing",
        ];
        foreach (var url in publicReads)
        {
            var participantView = await _api.GetJsonAsync(url, token: p[0].Token);
            Assert.DoesNotContain("324.5", participantView.ToJsonString(), StringComparison.Ordinal);
            Assert.DoesNotContain("correct_value\":3", participantView.ToJsonString(), StringComparison.Ordinal);
        }
        Assert.Null((await _api.GetJsonAsync($"/api/v1/activities/{id}", token: p[0].Token))["configuration"]!["correct_value"]);
        var hostView = await _api.GetJsonAsync($"/api/v1/activities/{id}", adminCode: session.AdminCode);
        Assert.Equal(324.5, hostView["configuration"]!["correct_value"]!.GetValue<double>());
        Assert.Empty((await _api.ResultsAsync(id))["results"]!["winners"]!.AsArray());

        config["revealed"] = true;
        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/activities/{id}", new { config }, adminCode: session.AdminCode), HttpStatusCode.OK);

        var revealed = await _api.GetJsonAsync($"/api/v1/activities/{id}", token: p[0].Token);
        Assert.Equal(324.5, revealed["configuration"]!["correct_value"]!.GetValue<double>());
        var results = (await _api.ResultsAsync(id))["results"]!;
        Assert.Equal(324.5, results["correct_value"]!.GetValue<double>());
        Assert.Equal(p[0].Id, results["winners"]![0]!["participant_id"]!.GetValue<int>()); // 24.5 away beats 25.5
        Assert.Equal(350.0, results["median"]!.GetValue<double>());
    }

    [Theory]
    [InlineData("scale", """{"question": "q"}""", """{"rating": 6}""", "rating must be an integer from 1 to 5")]
    [InlineData("ranking", """{"question": "q", "items": ["A", "B"]}""", """{"order": [0]}""", "order must list all 2 item indices")]
    [InlineData("open_text", """{"question": "q", "max_length": 10}""", """{"text": "far too long for this"}""", "text must be at most 10 characters")]
    [InlineData("numeric", """{"question": "q", "min": 1, "max": 10}""", """{"value": 0}""", "value must be a number from 1 to 10")]
    public async Task InvalidResponse_Is422WithTheReason_AndChangesNothing(string type, string config, string data, string reason)
    {
        var session = await _api.CreateSessionAsync();
        var participant = await _api.JoinAsync(session, "Ada");
        var id = await _api.CreateActiveActivityAsync(session, type, JsonNode.Parse(config)!);

        var problem = await Api.ProblemAsync(await _api.SubmitAsync(participant, id, JsonNode.Parse(data)!), HttpStatusCode.UnprocessableEntity);

        Assert.Contains(reason, problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(0, (await _api.ResultsAsync(id))["response_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task LegacyTypeListAndSchemas_ListTheNewTypes()
    {
        var types = (await _api.GetJsonAsync("/api/v1/activities/types"))["activity_types"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()).ToList();
        foreach (var type in new[] { "scale", "ranking", "open_text", "numeric" })
        {
            Assert.Contains(type, types);
            var schema = await _api.GetJsonAsync($"/api/v1/activities/types/{type}/schema");
            Assert.Equal(type, schema["activity_type"]!.GetValue<string>());
            Assert.Equal("object", schema["schema"]!["type"]!.GetValue<string>());
        }
    }
}
