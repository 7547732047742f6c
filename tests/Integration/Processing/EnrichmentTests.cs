using System.Net;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Realtime;

namespace Conflicto.Tests.Integration.Processing;

/// <summary>Free-text responses (Q&amp;A questions, word-cloud words) are enriched in the background, live on the hub.</summary>
public sealed class EnrichmentTests(ProcessingFactory factory) : IClassFixture<ProcessingFactory>
{
    private readonly Api _api = factory.Api();

    private async Task<Guid> SubmitAsync(Api.Participant participant, Guid activity, object data) =>
        Guid.Parse((await Api.ReadAsync(await _api.SubmitAsync(participant, activity, data), HttpStatusCode.Created))["id"]!.GetValue<string>());

    private Task<string> ResponseStatusAsync(Guid response) =>
        ProcessingTesting.ScalarAsync<string>(factory.ConnectionString, "select processing_status from user_responses where id = @response", new { response });

    [Theory]
    [InlineData("qa", """{"topic":"Ask"}""", """{"question":"How do we deploy the new release safely?"}""", "en")]
    [InlineData("word_cloud", """{"prompt":"One word","max_words_per_participant":1}""", """{"word":"Teamwork"}""", "und")] // one word: too little to tell
    public async Task SubmitFreeText_IsEnriched_ProcessingThenCompletedLiveOnTheHub(string type, string configuration, string data, string language)
    {
        var session = await _api.CreateSessionAsync();
        var participant = await _api.JoinAsync(session, "Writer");
        var activity = await _api.CreateActiveActivityAsync(session, type, ProcessingTesting.Json(configuration));
        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode);

        var response = await SubmitAsync(participant, activity, ProcessingTesting.Json(data));

        await ProcessingTesting.WaitUntilAsync(
            () => Task.FromResult(host.ProcessingStatuses("response.processing", response).Contains("completed")), "the enrichment to complete");
        var added = host.Events.Single(e => e.GetProperty("type").GetString() == "response.added").Data();
        Assert.Equal("pending", added.GetProperty("processing_status").GetString());
        Assert.Equal(["processing", "completed"], host.ProcessingStatuses("response.processing", response));
        var completed = host.Events.Last(e => e.GetProperty("type").GetString() == "response.processing").Data();
        Assert.Equal("response_enrichment", completed.GetProperty("kind").GetString());
        Assert.Equal(activity, completed.GetProperty("activity_id").GetGuid());
        var result = completed.GetProperty("result");
        Assert.False(string.IsNullOrEmpty(result.GetProperty("normalized_text").GetString()));
        Assert.Equal(language, result.GetProperty("language").GetString());
        Assert.Contains(result.GetProperty("sentiment").GetString(), new[] { "positive", "neutral", "negative" });
        Assert.Equal("approve", result.GetProperty("moderation").GetProperty("verdict").GetString());
        Assert.Equal("approve", await ProcessingTesting.ScalarAsync<string>(factory.ConnectionString,
            "select moderation_verdict from user_responses where id = @response and enrichment is not null and processed_at is not null", new { response }));
    }

    [Fact]
    public async Task SubmitVotesAndUpvotes_AreNotFreeText_NoJob()
    {
        var session = await _api.CreateSessionAsync();
        var participant = await _api.JoinAsync(session, "Voter");
        var poll = await _api.CreateActiveActivityAsync(session, "poll", new { question = "Best?", options = new[] { "A", "B" } });
        var qa = await _api.CreateActiveActivityAsync(session, "qa", new { topic = "Ask" }, keepOthersOpen: true);
        var question = await SubmitAsync(participant, qa, new { question = "Is this free text?" });

        var vote = await SubmitAsync(participant, poll, new { option_index = 0 });
        var upvote = await SubmitAsync(participant, qa, new { upvote = question.ToString() });

        await ProcessingTesting.WaitUntilAsync(async () => await ResponseStatusAsync(question) == "completed", "the question's enrichment");
        Assert.Equal("not_processed", await ResponseStatusAsync(vote));
        Assert.Equal("not_processed", await ResponseStatusAsync(upvote));
        var jobs = await ProcessingTesting.JobsAsync(factory.ConnectionString, "response_enrichment");
        Assert.Contains(jobs, j => j.SubjectId == question);
        Assert.DoesNotContain(jobs, j => j.SubjectId == vote || j.SubjectId == upvote);
    }

    [Fact]
    public async Task EditFreeText_IsEnrichedAgain_WithTheNewText()
    {
        var session = await _api.CreateSessionAsync();
        var participant = await _api.JoinAsync(session, "Editor");
        var qa = await _api.CreateActiveActivityAsync(session, "qa", new { topic = "Ask" });
        var response = await SubmitAsync(participant, qa, new { question = "What is the plan for the launch?" });
        await ProcessingTesting.WaitUntilAsync(async () => await ResponseStatusAsync(response) == "completed", "the first enrichment");

        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/responses/{response}",
            new { response_data = new { question = "Visit www.example-spam.com now" } }, token: participant.Token), HttpStatusCode.OK);

        await ProcessingTesting.WaitUntilAsync(async () => await ProcessingTesting.ScalarAsync<string?>(factory.ConnectionString,
            "select moderation_verdict from user_responses where id = @response and processing_status = 'completed'", new { response }) == "flag",
            "the edited text to be enriched and flagged");
        var jobs = (await ProcessingTesting.JobsAsync(factory.ConnectionString, "response_enrichment")).Where(j => j.SubjectId == response).ToList();
        Assert.Equal(2, jobs.Count);
        Assert.All(jobs, j => Assert.Equal("completed", j.Status));
    }
}
