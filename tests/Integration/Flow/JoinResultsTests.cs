using System.Net;
using System.Text.Json;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Realtime;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conflicto.Tests.Integration.Flow;

/// <summary>A screen or phone that (re)joins mid-activity gets the current results in its JoinSession snapshot.</summary>
[Collection(ApiCollection.Name)]
public sealed class JoinResultsTests(ConflictoApiFactory factory)
{
    private static readonly string[] Options = ["Red", "Green", "Blue"];
    private static readonly object Poll = new { question = "Colour?", options = Options };

    private readonly Api _api = new(factory.CreateClient());

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ViewerAndParticipant_JoiningMidActivity_GetTheCurrentResults(bool messagePack)
    {
        var session = await _api.CreateSessionAsync();
        var poll = await _api.CreateActiveActivityAsync(session, "poll", Poll);
        var picks = new[] { 0, 2, 2, 1, 2 };
        var people = new List<Api.Participant>();
        foreach (var (pick, i) in picks.Select((p, i) => (p, i)))
        {
            var person = await _api.JoinAsync(session, $"P{i}");
            await Api.ReadAsync(await _api.SubmitAsync(person, poll, new { option_index = pick }), HttpStatusCode.Created);
            people.Add(person);
        }
        var lastSeq = await _api.LastSeqAsync(session.Id);

        await using var viewer = await factory.JoinedAsync(session.Id, null, session.JoinCode, messagePack);
        await using var participant = await factory.JoinedAsync(session.Id, people[0].Token, messagePack: messagePack);

        foreach (var client in new[] { viewer, participant })
        {
            var results = ResultsOf(client, poll);
            Assert.Equal(session.Id, results.GetProperty("sessionId").GetInt32());
            Assert.Equal(picks.Length, results.GetProperty("responseCount").GetInt32());
            Assert.Equal(Counts(picks), Votes(results));
            // Current as of the last answer at least, so a later push (larger asOfSeq) is never mistaken for an older one.
            Assert.InRange(results.GetProperty("asOfSeq").GetInt64(), lastSeq, long.MaxValue);
        }
    }

    [Fact]
    public async Task Rejoin_AfterMoreAnswers_GetsResultsWithThemToo()
    {
        var session = await _api.CreateSessionAsync();
        var poll = await _api.CreateActiveActivityAsync(session, "poll", Poll);
        var picks = new List<int> { 1, 1 };
        var people = new List<Api.Participant>();
        foreach (var (pick, i) in picks.Select((p, i) => (p, i)))
        {
            people.Add(await _api.JoinAsync(session, $"P{i}"));
            await Api.ReadAsync(await _api.SubmitAsync(people[^1], poll, new { option_index = pick }), HttpStatusCode.Created);
        }
        // A screen that stays on: its join and the pushes it receives keep this node's results current.
        await using var screen = await factory.JoinedAsync(session.Id, null, session.JoinCode);
        Assert.Equal(Counts(picks), Votes(ResultsOf(screen, poll)));
        var pushed = new List<JsonElement>();
        screen.Connection.On<object>("Results", r => { lock (pushed) pushed.Add(SessionHubClient.ToJson(r)); });

        foreach (var (pick, i) in new[] { 0, 2, 2 }.Select((p, i) => (p, i)))
        {
            var person = await _api.JoinAsync(session, $"Q{i}");
            await using var phone = await factory.JoinedAsync(session.Id, person.Token);
            await phone.InvokeAsync("SubmitResponse", poll, new { option_index = pick }, $"q{i}");
            picks.Add(pick);
        }
        await WaitUntilAsync(() => { lock (pushed) return pushed.Any(r => r.GetProperty("responseCount").GetInt32() == picks.Count); });

        await using var refreshed = await factory.JoinedAsync(session.Id, null, session.JoinCode);
        var results = ResultsOf(refreshed, poll);
        Assert.Equal(picks.Count, results.GetProperty("responseCount").GetInt32());
        Assert.Equal(Counts(picks), Votes(results));
    }

    [Fact]
    public async Task Drafts_HaveResultsOnlyInTheHostsSnapshot_ExpiredOnesForEveryone()
    {
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        var closed = await _api.CreateActiveActivityAsync(session, "poll", Poll);
        await Api.ReadAsync(await _api.SubmitAsync(alice, closed, new { option_index = 2 }), HttpStatusCode.Created);
        await _api.TransitionAsync(session, closed, "expired");
        var published = await _api.CreateActivityAsync(session, "poll", Poll);
        await _api.TransitionAsync(session, published, "published");
        var draft = await _api.CreateActivityAsync(session, "poll", Poll, title: "Secret quiz");

        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode);
        await using var viewer = await factory.JoinedAsync(session.Id, null, session.JoinCode);
        await using var participant = await factory.JoinedAsync(session.Id, alice.Token);

        Assert.Equal([closed, published, draft], ActivitiesWithResults(host).Order());
        Assert.Equal([closed, published], ActivitiesWithResults(viewer).Order());
        Assert.Equal([closed, published], ActivitiesWithResults(participant).Order());
        Assert.Equal(Counts([2]), Votes(ResultsOf(viewer, closed)));
        Assert.Equal(0, ResultsOf(participant, published).GetProperty("responseCount").GetInt32());
    }

    [Fact]
    public async Task Join_WhileResultsAreKnownOnThisNode_ReadsNoResponses()
    {
        var session = await _api.CreateSessionAsync();
        var poll = await _api.CreateActiveActivityAsync(session, "poll", Poll);
        var alice = await _api.JoinAsync(session, "Alice");
        await Api.ReadAsync(await _api.SubmitAsync(alice, poll, new { option_index = 1 }), HttpStatusCode.Created);
        await using var screen = await factory.JoinedAsync(session.Id, null, session.JoinCode);
        Assert.Equal(1, ResultsOf(screen, poll).GetProperty("responseCount").GetInt32());
        // Remove the answer behind the server's back (no event): only a join that reads responses would notice.
        await using (var db = new Npgsql.NpgsqlConnection(factory.ConnectionString))
        {
            await db.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("delete from user_responses where activity_id = @id", db);
            command.Parameters.AddWithValue("id", poll);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        await using var phone = await factory.JoinedAsync(session.Id, alice.Token);

        Assert.Equal(1, ResultsOf(phone, poll).GetProperty("responseCount").GetInt32());
    }

    private static JsonElement ResultsOf(SessionHubClient client, Guid activityId) =>
        client.LastJoin!.Value.GetProperty("snapshot").GetProperty("results").EnumerateArray()
            .Single(r => r.GetProperty("activityId").GetGuid() == activityId);

    private static IEnumerable<Guid> ActivitiesWithResults(SessionHubClient client) =>
        client.LastJoin!.Value.GetProperty("snapshot").GetProperty("results").EnumerateArray().Select(r => r.GetProperty("activityId").GetGuid());

    private static int[] Votes(JsonElement results) =>
        results.GetProperty("results").GetProperty("options").EnumerateArray().Select(o => o.GetProperty("votes").GetInt32()).ToArray();

    private static int[] Counts(IEnumerable<int> picks) => Options.Select((_, i) => picks.Count(p => p == i)).ToArray();

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition never held.");
            await Task.Delay(20);
        }
    }
}
