using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Activities;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Realtime;

namespace Conflicto.Tests.Integration.Trust;

/// <summary>
/// Whether a response is anonymous is recorded when it is written and never changes: switching
/// anonymity off (or on) applies to later responses only, on every route and in every event.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AnonymityRecordedTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task AnonymitySwitchedOffAfterQuestions_NoEarlierQuestionRevealsItsAuthor_LaterOnesAreNamed()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var bob = await _api.JoinAsync(session, "Bob");
        var carol = await _api.JoinAsync(session, "Carol");
        var qa = await _api.CreateActiveActivityAsync(session, "qa", new { topic = "AMA", allow_anonymous = true });
        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode);
        await using var viewer = await factory.JoinedAsync(session.Id, null, session.JoinCode);
        await using var bobClient = await factory.JoinedAsync(session.Id, bob.Token);
        var viewerResults = viewer.CollectResults();
        var start = host.LastSeq;

        var aliceQuestion = await _api.SubmitIdAsync(alice, qa, new { question = "Why is the exam on Monday?" });
        var bobQuestion = await _api.SubmitIdAsync(bob, qa, new { question = "Can we skip chapter 3?" });
        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/activities/{qa}",
            new { config = new { topic = "AMA", allow_anonymous = false } }, adminCode: session.AdminCode), HttpStatusCode.OK);
        var carolQuestion = await _api.SubmitIdAsync(carol, qa, new { question = "Who grades the essays?" });
        // An edit after the switch is still the anonymous answer it was.
        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/responses/{aliceQuestion}",
            new { response_data = new { question = "Why is the exam on a Monday?" } }, token: alice.Token), HttpStatusCode.OK);
        var last = await _api.LastSeqAsync(session.Id);
        foreach (var client in new[] { host, viewer, bobClient }) await client.WaitForSeqAsync(last);

        // What nobody but the author may learn, and what everyone may.
        var hidden = new Dictionary<Guid, int?> { [aliceQuestion] = null, [bobQuestion] = null, [carolQuestion] = carol.Id };
        var responses = $"/api/v1/sessions/{session.Id}/activities/{qa}/responses";
        foreach (var (adminCode, token) in new[] { (session.AdminCode, (string?)null), (null, null), (null, carol.Token) })
        {
            Assert.Equal(hidden, TrustTesting.Authors((await _api.GetJsonAsync(responses, adminCode: adminCode, token: token))["responses"]));
            Assert.Equal(hidden, TrustTesting.Authors((await _api.GetJsonAsync($"{responses}/since/0", adminCode: adminCode, token: token))["items"]));
        }
        // The author still sees their own.
        Assert.Equal(alice.Id, TrustTesting.Authors((await _api.GetJsonAsync(responses, token: alice.Token))["responses"])[aliceQuestion]);

        // Per participant, as the host: the anonymous answers stay unreadable, the named one is there.
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"{responses}/{alice.Id}", adminCode: session.AdminCode), HttpStatusCode.Forbidden);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"{responses}/{bob.Id}", adminCode: session.AdminCode), HttpStatusCode.Forbidden);
        Assert.Equal(carolQuestion, (await _api.GetJsonAsync($"{responses}/{carol.Id}", adminCode: session.AdminCode)).Id());
        Assert.Equal(aliceQuestion, (await _api.GetJsonAsync($"{responses}/{alice.Id}", token: alice.Token)).Id());
        var participantResponses = $"/api/v1/sessions/{session.Id}/participants";
        Assert.Empty((await _api.GetJsonAsync($"{participantResponses}/{alice.Id}/responses", adminCode: session.AdminCode)).AsArray());
        Assert.Empty((await _api.GetJsonAsync($"{participantResponses}/{bob.Id}/responses", adminCode: session.AdminCode)).AsArray());
        Assert.Equal(new[] { carolQuestion }, (await _api.GetJsonAsync($"{participantResponses}/{carol.Id}/responses", adminCode: session.AdminCode)).AsArray().Select(r => r!.Id()));
        Assert.Equal(new[] { aliceQuestion }, (await _api.GetJsonAsync($"{participantResponses}/{alice.Id}/responses", token: alice.Token)).AsArray().Select(r => r!.Id()));

        // Q&A results, over REST and as the hub pushes them.
        Assert.Equal(hidden, QuestionAuthors((await _api.ResultsAsync(qa))["results"]!["questions"]));
        var pushed = await viewerResults.WaitForResultsAsync(qa, r => r.GetProperty("results").GetProperty("questions").GetArrayLength() == 3);
        Assert.Equal(hidden, QuestionAuthors(JsonNode.Parse(pushed.GetProperty("results").GetProperty("questions").GetRawText())));

        // Events, live and from the log: the host and viewer see Carol's name only; Bob, a participant, sees his own.
        var since = host.Events.Where(e => e.GetProperty("seq").GetInt64() > start).ToList();
        Assert.Equal(hidden, TrustTesting.EventAuthors(since));
        Assert.Equal(hidden, TrustTesting.EventAuthors(viewer.Events));
        var bobSees = new Dictionary<Guid, int?> { [aliceQuestion] = null, [bobQuestion] = bob.Id, [carolQuestion] = null };
        Assert.Equal(bobSees, TrustTesting.EventAuthors(bobClient.Events));
        Assert.Equal(hidden, TrustTesting.EventAuthors(await _api.EventLogAsync(session.Id, adminCode: session.AdminCode)));
        Assert.Equal(hidden, TrustTesting.EventAuthors(await _api.EventLogAsync(session.Id, joinCode: session.JoinCode)));
        // The log over REST is Bob's audience stream: his own question only.
        Assert.Equal(new Dictionary<Guid, int?> { [bobQuestion] = bob.Id }, TrustTesting.EventAuthors(await _api.EventLogAsync(session.Id, token: bob.Token)));
    }

    [Fact]
    public async Task AnonymitySwitchedOnAfterVotes_EarlierVotesKeepTheirNames_LaterOnesAreAnonymous()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var bob = await _api.JoinAsync(session, "Bob");
        var poll = await _api.CreateActiveActivityAsync(session, "poll", new { question = "Lunch?", options = new[] { "Pizza", "Soup" } });
        await using var viewer = await factory.JoinedAsync(session.Id, null, session.JoinCode);

        var aliceVote = await _api.SubmitIdAsync(alice, poll, new { option_index = 0 });
        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/activities/{poll}",
            new { config = new { question = "Lunch?", options = new[] { "Pizza", "Soup" }, anonymous_voting = true } }, adminCode: session.AdminCode), HttpStatusCode.OK);
        var bobVote = await _api.SubmitIdAsync(bob, poll, new { option_index = 1 });
        await viewer.WaitForSeqAsync(await _api.LastSeqAsync(session.Id));

        // Alice voted by name and knew it; Bob voted under anonymity and keeps it.
        var expected = new Dictionary<Guid, int?> { [aliceVote] = alice.Id, [bobVote] = null };
        var responses = $"/api/v1/sessions/{session.Id}/activities/{poll}/responses";
        Assert.Equal(expected, TrustTesting.Authors((await _api.GetJsonAsync(responses, adminCode: session.AdminCode))["responses"]));
        Assert.Equal(expected, TrustTesting.Authors((await _api.GetJsonAsync($"{responses}/since/0"))["items"]));
        Assert.Equal(aliceVote, (await _api.GetJsonAsync($"{responses}/{alice.Id}", adminCode: session.AdminCode)).Id());
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"{responses}/{bob.Id}", adminCode: session.AdminCode), HttpStatusCode.Forbidden);
        Assert.Empty((await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/participants/{bob.Id}/responses", adminCode: session.AdminCode)).AsArray());
        Assert.Equal(expected, TrustTesting.EventAuthors(viewer.Events));
        Assert.Equal(expected, TrustTesting.EventAuthors(await _api.EventLogAsync(session.Id, adminCode: session.AdminCode)));
    }

    [Fact]
    public async Task QnaQuestionAskedAnonymously_IsAnonymous_InANamedActivity()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var bob = await _api.JoinAsync(session, "Bob");
        // A custom type, so only the response's own flag can make it anonymous.
        var board = await _api.CreateActiveActivityAsync(session, "question_board", new { topic = "Feedback" });

        var secret = await _api.SubmitIdAsync(alice, board, new { question_text = "Too fast?", anonymous = true });
        var named = await _api.SubmitIdAsync(bob, board, new { question_text = "More examples?", anonymous = false });

        var responses = $"/api/v1/sessions/{session.Id}/activities/{board}/responses";
        Assert.Equal(new Dictionary<Guid, int?> { [secret] = null, [named] = bob.Id },
            TrustTesting.Authors((await _api.GetJsonAsync(responses, adminCode: session.AdminCode))["responses"]));
        Assert.Equal(new Dictionary<Guid, int?> { [secret] = null, [named] = bob.Id },
            TrustTesting.EventAuthors(await _api.EventLogAsync(session.Id, joinCode: session.JoinCode)));
    }

    private static Dictionary<Guid, int?> QuestionAuthors(JsonNode? questions) => questions!.AsArray().ToDictionary(
        q => Guid.Parse(q!["id"]!.GetValue<string>()),
        q => q!["participant_id"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<int>() : (int?)null);
}
