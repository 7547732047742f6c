using System.Net;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Legacy;

/// <summary>Framework create fills the legacy default activity_metadata; activation sets expires_at from duration_seconds, and it expires.</summary>
[Collection(ApiCollection.Name)]
public sealed class LegacyFrameworkTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    private async Task<JsonNode> CreateAsync(Api.Session session, string type, object configuration, object? metadata = null) =>
        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Post, $"/api/v1/sessions/{session.Id}/activities/framework",
            new { activity_type = type, title = "Legacy", configuration, activity_metadata = metadata }, adminCode: session.AdminCode), HttpStatusCode.Created);

    private async Task<JsonNode> ActivateAsync(Api.Session session, Guid id)
    {
        await _api.TransitionAsync(session, id, "published");
        await _api.TransitionAsync(session, id, "active");
        return await _api.GetJsonAsync($"/api/v1/activities/{id}");
    }

    [Theory]
    [InlineData("poll", 300, false)]
    [InlineData("qna", 900, true)]
    [InlineData("word_cloud", 600, true)]
    public async Task Create_FillsTheLegacyDefaultMetadata_AndActivationSetsExpiresAt(string type, int duration, bool multipleResponses)
    {
        var session = await _api.CreateSessionAsync();
        object configuration = type switch
        {
            "poll" => new { question = "Q?", options = new[] { "A", "B" } },
            "qna" => new { topic = "T", moderate_questions = true },
            _ => new { prompt = "P", show_live_results = false },
        };

        var created = await CreateAsync(session, type, configuration, new { room = "B12" });

        var metadata = created["activity_metadata"]!;
        Assert.Equal(duration, metadata["duration_seconds"]!.GetValue<int>());
        Assert.Equal(multipleResponses, metadata["allow_multiple_responses"]!.GetValue<bool>());
        Assert.Equal(type, metadata["activity_type"]!.GetValue<string>());
        Assert.Equal(type == "qna", metadata["requires_moderation"]!.GetValue<bool>());
        Assert.Equal(type != "word_cloud", metadata["show_live_results"]!.GetValue<bool>());
        Assert.Equal("B12", metadata["room"]!.GetValue<string>());
        Assert.Null(created["expires_at"]);

        var active = await ActivateAsync(session, created.Id());
        var expiresIn = active["expires_at"]!.GetValue<DateTime>() - active["started_at"]!.GetValue<DateTime>();
        Assert.Equal(TimeSpan.FromSeconds(duration), expiresIn);
        var status = await _api.GetJsonAsync($"/api/v1/activities/{created.Id()}/status/framework");
        Assert.Equal(active["expires_at"]!.GetValue<DateTime>(), status["expires_at"]!.GetValue<DateTime>());
    }

    [Fact]
    public async Task DurationSeconds_Passes_TheActivityExpiresAndRefusesAnswers()
    {
        const int seconds = 2;
        var session = await _api.CreateSessionAsync();
        var participant = await _api.JoinAsync(session, "Late");
        var created = await CreateAsync(session, "poll", new { question = "Q?", options = new[] { "A", "B" } }, new { duration_seconds = seconds });

        var active = await ActivateAsync(session, created.Id());
        Assert.Equal(TimeSpan.FromSeconds(seconds), active["expires_at"]!.GetValue<DateTime>() - active["started_at"]!.GetValue<DateTime>());

        var deadline = DateTime.UtcNow.AddSeconds(15);
        JsonNode now;
        do
        {
            await Task.Delay(200);
            now = await _api.GetJsonAsync($"/api/v1/activities/{created.Id()}");
        } while (now["state"]!.GetValue<string>() != "expired" && DateTime.UtcNow < deadline);
        Assert.Equal("expired", now["state"]!.GetValue<string>());
        Assert.Equal("completed", now["status"]!.GetValue<string>());
        await Api.ProblemAsync(await _api.SubmitAsync(participant, created.Id(), new { selected_options = new[] { "A" } }), HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("0")]
    public async Task DurationSeconds_NullOrZero_TurnsTheTimerOff(string value)
    {
        var session = await _api.CreateSessionAsync();
        var created = await CreateAsync(session, "word_cloud", new { prompt = "P" }, JsonNode.Parse($$"""{"duration_seconds": {{value}}}"""));

        var active = await ActivateAsync(session, created.Id());

        Assert.Null(active["expires_at"]);
    }

    [Fact]
    public async Task TimeLimitSeconds_ShorterThanTheDuration_Wins()
    {
        var session = await _api.CreateSessionAsync();
        var created = await CreateAsync(session, "poll", new { question = "Q?", options = new[] { "A", "B" }, time_limit_seconds = 60 });

        var active = await ActivateAsync(session, created.Id());

        Assert.Equal(TimeSpan.FromSeconds(60), active["expires_at"]!.GetValue<DateTime>() - active["started_at"]!.GetValue<DateTime>());
    }
}
