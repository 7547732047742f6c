using System.Net;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Processing;

/// <summary>Activities with <c>moderation: true</c> leave flagged responses out of their results; the host decides.</summary>
public sealed class ModerationTests(ProcessingFactory factory) : IClassFixture<ProcessingFactory>
{
    private readonly Api _api = factory.Api();

    private const string Clean = "How do we plan the next sprint together?";
    private const string Link = "Great answers at www.cheap-pills.com today";
    private const string Profane = "This release is shit";

    private async Task<Guid> SubmitAsync(Api.Participant participant, Guid activity, object data) =>
        Guid.Parse((await Api.ReadAsync(await _api.SubmitAsync(participant, activity, data), HttpStatusCode.Created))["id"]!.GetValue<string>());

    private Task EnrichedAsync(params Guid[] responses) => ProcessingTesting.WaitUntilAsync(async () =>
        await ProcessingTesting.ScalarAsync<long>(factory.ConnectionString,
            "select count(*) from user_responses where id = any(@responses) and processing_status = 'completed'", new { responses }) == responses.Length,
        "the responses to be enriched");

    private async Task<List<string>> QuestionsAsync(Guid activity) =>
        (await _api.GetJsonAsync($"/api/v1/activities/{activity}/results"))["results"]!["questions"]!.AsArray()
            .Select(q => q!["text"]!.GetValue<string>()).ToList();

    private Task<HttpResponseMessage> ModerateAsync(Guid response, string? decision, string? adminCode = null, string? token = null) =>
        _api.SendAsync(HttpMethod.Post, $"/api/v1/responses/{response}/moderation", new { decision }, adminCode: adminCode, token: token);

    private async Task<(Api.Session Session, Api.Participant Participant, Guid Qa, Guid Clean, Guid Link, Guid Profane)> ModeratedQaAsync(bool moderation = true)
    {
        var session = await _api.CreateSessionAsync();
        var participant = await _api.JoinAsync(session, "Asker");
        var qa = await _api.CreateActiveActivityAsync(session, "qa", new { topic = "Ask", moderation });
        var clean = await SubmitAsync(participant, qa, new { question = Clean });
        var link = await SubmitAsync(participant, qa, new { question = Link });
        var profane = await SubmitAsync(participant, qa, new { question = Profane });
        await EnrichedAsync(clean, link, profane);
        return (session, participant, qa, clean, link, profane);
    }

    [Fact]
    public async Task ModeratedQa_FlaggedQuestions_LeftOutOfResults()
    {
        var (_, _, qa, _, link, profane) = await ModeratedQaAsync();

        Assert.Equal([Clean], await QuestionsAsync(qa));
        var reasons = await ProcessingTesting.ScalarAsync<string>(factory.ConnectionString,
            "select string_agg(moderation_verdict || ':' || split_part(moderation_reason, ':', 1), ',' order by moderation_reason) from user_responses where id = any(@ids)",
            new { ids = new[] { link, profane } });
        Assert.Equal("flag:profanity,flag:spam", reasons);
    }

    [Fact]
    public async Task UnmoderatedQa_FlaggedQuestions_StillCount()
    {
        var (_, _, qa, _, _, _) = await ModeratedQaAsync(moderation: false);

        Assert.Equal(3, (await QuestionsAsync(qa)).Count);
    }

    [Fact]
    public async Task HostApproves_FlaggedQuestion_ComesBack_HostRejects_CleanOneGoes()
    {
        var (session, _, qa, clean, link, _) = await ModeratedQaAsync();

        var approved = await Api.ReadAsync(await ModerateAsync(link, "approve", session.AdminCode), HttpStatusCode.OK);
        Assert.Equal("flag", approved["moderation_verdict"]!.GetValue<string>());
        Assert.StartsWith("spam:", approved["moderation_reason"]!.GetValue<string>());
        Assert.Equal("approve", approved["moderation_override"]!.GetValue<string>());
        Assert.Equal([Clean, Link], await QuestionsAsync(qa)); // no upvotes: in the order asked

        await Api.ReadAsync(await ModerateAsync(clean, "reject", session.AdminCode), HttpStatusCode.OK);
        Assert.Equal([Link], await QuestionsAsync(qa));
        var moderated = await ProcessingTesting.ScalarAsync<long>(factory.ConnectionString,
            "select count(*) from session_events where session_id = @id and type = 'response.moderated'", new { id = session.Id });
        Assert.Equal(2, moderated);
    }

    [Fact]
    public async Task ModeratedWordCloud_ProfaneWord_LeftOut_UntilApproved()
    {
        var session = await _api.CreateSessionAsync();
        var participants = new[] { await _api.JoinAsync(session, "A"), await _api.JoinAsync(session, "B") };
        var cloud = await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "One word", max_words_per_participant = 1, moderation = true });
        var good = await SubmitAsync(participants[0], cloud, new { word = "calm" });
        var bad = await SubmitAsync(participants[1], cloud, new { word = "fuck" });
        await EnrichedAsync(good, bad);

        async Task<List<string>> Words() => (await _api.GetJsonAsync($"/api/v1/activities/{cloud}/results"))["results"]!["words"]!.AsArray()
            .Select(w => w!["text"]!.GetValue<string>()).ToList();
        Assert.Equal(["calm"], await Words());

        await Api.ReadAsync(await ModerateAsync(bad, "approve", session.AdminCode), HttpStatusCode.OK);
        Assert.Equal(2, (await Words()).Count);
    }

    [Fact]
    public async Task Moderate_NotTheHost_Returns401Or403()
    {
        var (session, participant, _, _, link, _) = await ModeratedQaAsync();
        var stranger = await _api.CreateSessionAsync();

        await Api.ProblemAsync(await ModerateAsync(link, "approve"), HttpStatusCode.Unauthorized);
        await Api.ProblemAsync(await ModerateAsync(link, "approve", token: participant.Token), HttpStatusCode.Forbidden);
        await Api.ProblemAsync(await ModerateAsync(link, "approve", adminCode: stranger.AdminCode), HttpStatusCode.Forbidden);
        Assert.Null(await ProcessingTesting.ScalarAsync<string?>(factory.ConnectionString,
            "select moderation_override from user_responses where id = @link", new { link }));
        Assert.Equal(session.Id, await ProcessingTesting.ScalarAsync<int>(factory.ConnectionString, "select session_id from user_responses where id = @link", new { link }));
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("APPROVE")]
    [InlineData("")]
    [InlineData(null)]
    public async Task Moderate_BadDecision_Returns422(string? decision)
    {
        var (session, _, _, clean, _, _) = await ModeratedQaAsync();

        var problem = await Api.ProblemAsync(await ModerateAsync(clean, decision, session.AdminCode), HttpStatusCode.UnprocessableEntity);

        Assert.NotNull(problem["errors"]!["decision"]);
    }

    [Fact]
    public async Task Moderate_UnknownResponse_Returns404()
    {
        var session = await _api.CreateSessionAsync();
        await Api.ProblemAsync(await ModerateAsync(Guid.NewGuid(), "approve", session.AdminCode), HttpStatusCode.NotFound);
    }
}
