using System.Net;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Quiz;
using static Conflicto.Tests.Integration.Webhooks.WebhookTesting;

namespace Conflicto.Tests.Integration.Webhooks;

/// <summary>Payloads are what a viewer sees (or the host, with scope host): anonymous stays anonymous, quiz answers and drafts stay hidden.</summary>
public sealed class WebhookRedactionTests(WebhookApiFactory factory) : IClassFixture<WebhookApiFactory>
{
    private readonly Api _api = new(factory.CreateClient());

    [Theory]
    [InlineData("viewer")]
    [InlineData("host")]
    public async Task AnonymousAnswers_CarryNoParticipant_InEitherScope(string scope)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var session = await _api.CreateSessionAsync("Anonymous " + scope);
        var hook = await RegisterAsync(_api, session, receiver.Url(), scope: scope);
        var rhea = await _api.JoinAsync(session, "Rhea");
        var poll = await _api.CreateActiveActivityAsync(session, "poll",
            new { question = "Secret?", options = new[] { "A", "B" }, anonymous_voting = true }, "Anonymous poll", keepOthersOpen: true);
        await Api.ReadAsync(await _api.SubmitAsync(rhea, poll, new { option_index = 1 }), HttpStatusCode.Created);
        await WaitCaughtUpAsync(_api, session, hook.Id);

        var vote = receiver.Acknowledged.Single(d => d.Header("Conflicto-Event") == "response.added");
        var data = vote.Json["data"]!;
        Assert.Equal($"{poll}", data["activity_id"]!.GetValue<string>());
        Assert.Null(data["participant_id"]);
        Assert.DoesNotContain($"\"participant_id\":{rhea.Id}", vote.Body);
    }

    [Fact]
    public async Task QuizAnswersAndDrafts_StayHidden_FromAViewerScope_AndTheHostScopeSeesTheDraft()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var session = await _api.CreateSessionAsync("Quiz payloads");
        var viewer = await RegisterAsync(_api, session, receiver.Url("/viewer"));
        var host = await RegisterAsync(_api, session, receiver.Url("/host"), scope: "host");
        var quiz = await _api.CreateActiveQuizAsync(session);
        await _api.ActAsync(session, quiz, "start");
        await _api.CreateActivityAsync(session, "poll", new { question = "Draft secret question?", options = new[] { "A", "B" } }, "Draft");
        await WaitCaughtUpAsync(_api, session, viewer.Id);
        await WaitCaughtUpAsync(_api, session, host.Id);

        var toViewer = receiver.Acknowledged.Where(d => d.Header("Conflicto-Webhook-Id") == $"{viewer.Id}").ToList();
        Assert.NotEmpty(toViewer);
        var leaks = toViewer.SelectMany(d => QuizTesting.Leaks(d.Json["data"], $"seq {d.Seq} ({d.Header("Conflicto-Event")})")).ToList();
        Assert.True(leaks.Count == 0, string.Join("; ", leaks));
        Assert.DoesNotContain(toViewer, d => d.Body.Contains("Draft secret question?", StringComparison.Ordinal));

        var toHost = receiver.Acknowledged.Where(d => d.Header("Conflicto-Webhook-Id") == $"{host.Id}").ToList();
        Assert.Contains(toHost, d => d.Body.Contains("Draft secret question?", StringComparison.Ordinal));
        Assert.Equal(toViewer.Select(d => d.Seq), toHost.Select(d => d.Seq)); // the same events, each in its cut
    }
}
