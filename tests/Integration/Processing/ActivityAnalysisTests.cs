using System.Net;
using System.Text.Json;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Realtime;

namespace Conflicto.Tests.Integration.Processing;

/// <summary>Creating an activity of any type ends with a stored render plan, seen live on the hub and by polling.</summary>
public sealed class ActivityAnalysisTests(ProcessingFactory factory) : IClassFixture<ProcessingFactory>
{
    private readonly Api _api = factory.Api();

    public static TheoryData<string, string, string, string> Activities => new()
    {
        { "poll", """{"question":"Best?","options":["A","B"]}""", "single_choice", "bar_chart" },
        { "word_cloud", """{"prompt":"One word","max_words_per_participant":2}""", "word_list", "word_cloud" },
        { "qa", """{"topic":"Ask anything"}""", "question_board", "ranked_list" },
        { "planning_poker", """{"story":"Login page","card_values":["1","2","3","5"]}""", "card_picker", "distribution" },
        { "star_rating", """{"min":1,"max":5,"prompt":"Rate"}""", "scale", "distribution" },
    };

    [Theory]
    [MemberData(nameof(Activities))]
    public async Task CreateActivity_AnyType_GoesPendingProcessingCompleted_LiveOnTheHubInOrder(string type, string configuration, string widget, string chart)
    {
        var session = await _api.CreateSessionAsync();
        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode);

        var id = await _api.CreateActivityAsync(session, type, ProcessingTesting.Json(configuration), "Analysed");

        var processing = await _api.WaitForStatusAsync(id, "completed");
        await ProcessingTesting.WaitUntilAsync(
            () => Task.FromResult(host.ProcessingStatuses("activity.processing", id).Contains("completed")), "the completed event on the hub");
        var created = host.Events.Single(e => e.GetProperty("type").GetString() == "activity.created");
        Assert.Equal("pending", created.Data().GetProperty("processing_status").GetString());
        Assert.Equal(["processing", "completed"], host.ProcessingStatuses("activity.processing", id));
        var seqs = host.Events.Where(e => e.GetProperty("type").GetString() is "activity.created" or "activity.processing").Seqs();
        Assert.Equal(seqs.Order(), seqs);

        var completed = host.Events.Last(e => e.GetProperty("type").GetString() == "activity.processing").Data();
        Assert.Equal("activity_analysis", completed.GetProperty("kind").GetString());
        Assert.Equal(id, completed.GetProperty("activity_id").GetGuid());
        Assert.Equal(JsonValueKind.Object, completed.GetProperty("result").GetProperty("response_schema").ValueKind);
        Assert.Equal(JsonValueKind.String, completed.GetProperty("processed_at").ValueKind);

        var render = processing["schema_render"]!;
        Assert.Equal(widget, render["participant"]!["widget"]!.GetValue<string>());
        Assert.Equal(chart, render["viewer"]!["chart"]!.GetValue<string>());
        Assert.Equal("object", render["response_schema"]!["type"]!.GetValue<string>());
        Assert.Equal("rule-based", render["analyzer"]!.GetValue<string>());
        Assert.NotNull(processing["processed_at"]);
        Assert.Equal(1, processing["attempts"]!.GetValue<int>());
        Assert.Null(processing["error"]);
        Assert.Null(processing["next_attempt_at"]);
    }

    [Fact]
    public async Task CreateActivity_JobLog_ShowsTheJobCompletedWithItsResult()
    {
        var session = await _api.CreateSessionAsync();
        var id = await _api.CreateActivityAsync(session, "poll", new { question = "Log?", options = new[] { "Yes", "No" } });
        var processing = await _api.WaitForStatusAsync(id, "completed");
        var jobId = processing["job_id"]!.GetValue<string>();

        var log = await _api.GetJsonAsync("/api/v1/jobs?status=completed", adminCode: session.AdminCode);
        var job = Assert.Single(log["jobs"]!.AsArray());
        Assert.Equal(1, log["total"]!.GetValue<int>());
        Assert.Equal(jobId, job!["id"]!.GetValue<string>());
        Assert.Equal(id.ToString(), job["subject_id"]!.GetValue<string>());
        Assert.Equal("activity_analysis", job["kind"]!.GetValue<string>());
        Assert.Equal(session.Id, job["session_id"]!.GetValue<int>());

        var one = await _api.GetJsonAsync($"/api/v1/jobs/{jobId}", adminCode: session.AdminCode);
        Assert.Equal("completed", one["status"]!.GetValue<string>());
        Assert.Equal(1, one["attempts"]!.GetValue<int>());
        Assert.NotNull(one["started_at"]);
        Assert.NotNull(one["completed_at"]);
        Assert.Null(one["error"]);
        Assert.Equal(processing["schema_render"]!.ToJsonString(), one["result"]!.ToJsonString());
    }

    [Fact]
    public async Task CreateActivities_JobLog_MostRecentFirstWithPaging()
    {
        var session = await _api.CreateSessionAsync();
        var first = await _api.CreateActivityAsync(session, "qa", new { topic = "First" });
        var second = await _api.CreateActivityAsync(session, "qa", new { topic = "Second" });
        await _api.WaitForStatusAsync(first, "completed");
        await _api.WaitForStatusAsync(second, "completed");

        var page1 = await _api.GetJsonAsync("/api/v1/jobs?limit=1", adminCode: session.AdminCode);
        var page2 = await _api.GetJsonAsync("/api/v1/jobs?limit=1&offset=1", adminCode: session.AdminCode);

        Assert.Equal(2, page1["total"]!.GetValue<int>());
        Assert.Equal(second.ToString(), Assert.Single(page1["jobs"]!.AsArray())!["subject_id"]!.GetValue<string>());
        Assert.Equal(first.ToString(), Assert.Single(page2["jobs"]!.AsArray())!["subject_id"]!.GetValue<string>());
        Assert.Empty((await _api.GetJsonAsync("/api/v1/jobs?status=failed", adminCode: session.AdminCode))["jobs"]!.AsArray());
    }

    [Fact]
    public async Task ChangeConfiguration_AfterAnalysis_AnalysesTheNewVersion()
    {
        var session = await _api.CreateSessionAsync();
        var id = await _api.CreateActivityAsync(session, "poll", new { question = "Before?", options = new[] { "A", "B" } });
        await _api.WaitForStatusAsync(id, "completed");

        var update = await _api.SendAsync(HttpMethod.Put, $"/api/v1/activities/{id}",
            new { config = new { question = "After?", options = new[] { "A", "B", "C" }, allow_multiple = true } }, adminCode: session.AdminCode);
        await Api.ReadAsync(update, HttpStatusCode.OK);

        var processing = await _api.WaitForProcessingAsync(id, b => ProcessingTesting.Status(b) == "completed"
            && b["schema_render"]!["participant"]!["widget"]!.GetValue<string>() == "multiple_choice");
        Assert.Equal(3, processing["schema_render"]!["participant"]!["options"]!.AsArray().Count);
    }
}
