using System.Text.Json;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Realtime;

namespace Conflicto.Tests.Integration.Access;

/// <summary>
/// Anonymous activities never tie an answer to its author, for anyone but the author: not the
/// host, not other participants, not viewers or strangers. Generic on purpose: every GET route the
/// server has (enumerated, so exports and other routes to come fall in), for every actor, about
/// the anonymous activities and their responder, and every hub snapshot and replayed event, is
/// searched for an object that holds one of the anonymous answers and names its author.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AnonymousResponderTests(ConflictoApiFactory factory, AccessWorldFixture world) : IClassFixture<AccessWorldFixture>
{
    private static readonly Actor[] Everyone = Enum.GetValues<Actor>();

    [Fact]
    public async Task NoRoute_TiesAnAnonymousAnswerToItsAuthor()
    {
        var w = await world.GetAsync(factory);
        var leaks = new List<string>();
        var read = 0;
        foreach (var route in AccessMatrixTests.Routes(factory).Where(r => r.StartsWith("GET ", StringComparison.Ordinal)))
        {
            foreach (var activity in new[] { w.AnonymousQa, w.AnonymousPoll, w.AnonymousQuiz })
            {
                var path = RouteCalls.Fill(route[4..], Ids(w, activity));
                foreach (var actor in Everyone)
                {
                    var (adminCode, token, joinCode) = w.CredentialsOf(actor, w.Default);
                    var url = joinCode is null ? path : $"{path}{(path.Contains('?') ? '&' : '?')}join_code={joinCode}";
                    var response = await w.Api.SendAsync(HttpMethod.Get, url, adminCode: adminCode, token: token);
                    var text = await response.Content.ReadAsStringAsync();
                    if (response.IsSuccessStatusCode) read++;
                    leaks.AddRange(Leaks(text, w).Select(l => $"{route} as {actor}: {l}"));
                }
            }
        }

        Assert.True(read > 100, $"only {read} successful reads: the routes are no longer reached");
        Assert.True(leaks.Count == 0, "Anonymous answers named their author:\n" + string.Join("\n", leaks));
    }

    [Theory]
    [InlineData("responses")]
    [InlineData("results")]
    [InlineData("scores")]
    public async Task NoCsvExport_TiesAnAnonymousAnswerToItsAuthor(string part)
    {
        // CSV is not JSON, so the route scan above cannot read it: each row holding one of her answers is searched here.
        var w = await world.GetAsync(factory);
        var paths = new[] { $"/api/v1/sessions/{w.A.Id}/export" }
            .Concat(new[] { w.AnonymousQa, w.AnonymousPoll, w.AnonymousQuiz }.Select(a => $"/api/v1/activities/{a}/export"));
        var answerRows = 0;
        foreach (var path in paths)
        {
            var response = await w.Api.SendAsync(HttpMethod.Get, $"{path}?format=csv&part={part}", adminCode: w.A.AdminCode);
            var csv = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{path} as CSV: {(int)response.StatusCode} {csv}");
            foreach (var row in csv.Split("\r\n").Where(r => HoldsAnAnswer(r, w)))
            {
                answerRows++;
                Assert.DoesNotContain(AccessWorld.RheasNickname, row, StringComparison.Ordinal);
                Assert.DoesNotContain($",{w.Rhea.Id},", row, StringComparison.Ordinal); // her id in a cell of its own (participant_id)
            }
            if (part == "results") Assert.DoesNotContain(AccessWorld.RheasNickname, csv, StringComparison.Ordinal); // results name no person of an anonymous activity
            if (part == "scores" && path.Contains($"{w.AnonymousQuiz}", StringComparison.Ordinal)) Assert.Single(csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)); // the header: an anonymous quiz lists nobody
        }
        if (part == "responses") Assert.True(answerRows >= 6, $"only {answerRows} CSV rows held her answers: the exports no longer list them");
    }

    [Fact]
    public async Task NoXlsxExport_TiesAnAnonymousAnswerToItsAuthor()
    {
        // A workbook is not JSON either: each row of each sheet holding one of her answers is searched.
        var w = await world.GetAsync(factory);
        var paths = new[] { $"/api/v1/sessions/{w.A.Id}/export" }
            .Concat(new[] { w.AnonymousQa, w.AnonymousPoll, w.AnonymousQuiz }.Select(a => $"/api/v1/activities/{a}/export"));
        var answerRows = 0;
        foreach (var path in paths)
        {
            var workbook = await Exports.ExportTesting.XlsxExportAsync(w.Api, $"{path}?format=xlsx", w.A.AdminCode);
            foreach (var (sheet, rows) in workbook.Text)
            {
                foreach (var row in rows.Where(r => HoldsAnAnswer(string.Join(",", r), w)))
                {
                    answerRows++;
                    Assert.DoesNotContain(AccessWorld.RheasNickname, row);
                    Assert.DoesNotContain($"{w.Rhea.Id}", row);
                }
            }
            Assert.DoesNotContain(AccessWorld.RheasNickname, string.Join(",", workbook.Text["Results"].SelectMany(r => r)));
            if (path.Contains($"{w.AnonymousQuiz}", StringComparison.Ordinal)) Assert.Single(workbook.Text["Quiz scores"]);
        }
        Assert.True(answerRows >= 6, $"only {answerRows} rows held her answers: the workbooks no longer list them");
    }

    [Fact]
    public async Task AnAnonymousQuizLeaderboard_ListsNobody_ButTellsHerHerOwnRank()
    {
        var w = await world.GetAsync(factory);
        var paths = new[] { $"/api/v1/activities/{w.AnonymousQuiz}/leaderboard", $"/api/v1/activities/{w.AnonymousQuiz}/quiz" };
        foreach (var path in paths)
        {
            foreach (var actor in Everyone)
            {
                var (adminCode, token, joinCode) = w.CredentialsOf(actor, w.Default);
                var url = joinCode is null ? path : $"{path}?join_code={joinCode}";
                var response = await w.Api.SendAsync(HttpMethod.Get, url, adminCode: adminCode, token: token);
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.IsSuccessStatusCode, $"{path} as {actor}: {(int)response.StatusCode} {text}");
                Assert.Contains("\"leaderboard\"", text, StringComparison.Ordinal);
                Assert.DoesNotContain(AccessWorld.RheasNickname, text, StringComparison.Ordinal);
                Assert.DoesNotContain($"\"participant_id\":{w.Rhea.Id}", text, StringComparison.Ordinal);
            }
            var hers = JsonNode.Parse(await (await w.Api.SendAsync(HttpMethod.Get, path, token: w.Rhea.Token)).Content.ReadAsStringAsync())!;
            Assert.Equal(1, hers["me"]!["rank"]!.GetValue<int>()); // the only right answer
        }
    }

    [Theory]
    [InlineData(Actor.Host)]
    [InlineData(Actor.Viewer)]
    [InlineData(Actor.Participant)]
    public async Task NoSnapshotOrEvent_TiesAnAnonymousAnswerToItsAuthor(Actor actor)
    {
        var w = await world.GetAsync(factory);
        var (adminCode, token, joinCode) = w.CredentialsOf(actor, w.Default);
        foreach (var version in new int?[] { 1, 2 })
        {
            await using var client = factory.HubClient(adminCode ?? token, version: version);
            await client.StartAsync();

            var fresh = await client.JoinAsync(w.A.Id, joinCode: joinCode);
            var replayed = await client.JoinAsync(w.A.Id, afterSeq: 0, joinCode: joinCode);

            Assert.Contains(AccessWorld.RheasQuestionText, replayed.GetRawText() + fresh.GetRawText());
            Assert.Empty(Leaks(fresh.GetRawText(), w));
            Assert.Empty(Leaks(replayed.GetRawText(), w));
        }
    }

    [Fact]
    public async Task TheSearch_FindsAnAuthorNamedNextToTheirAnswer()
    {
        // The searches above pass by finding nothing; this shows they would find something.
        var w = await world.GetAsync(factory);
        string q = $"{w.RheasQuestion}", vote = $"{w.RheasVote}", id = $"{w.Rhea.Id}", name = AccessWorld.RheasNickname, text = AccessWorld.RheasQuestionText;
        var byId = "{\"responses\":[{\"id\":\"" + q + "\",\"participant_id\":" + id + "}]}";
        var byName = "{\"events\":[{\"seq\":3,\"data\":{\"response_data\":{\"question\":\"" + text + "\"},\"nickname\":\"" + name + "\"}}]}";
        var lines = "{\"seq\":1}\n{\"data\":{\"id\":\"" + vote + "\",\"participant_id\":\"" + id + "\"}}";
        var apart = "{\"participants\":[{\"id\":" + id + ",\"nickname\":\"" + name + "\"}],\"responses\":[{\"id\":\"" + q + "\",\"participant_id\":null}]}";

        Assert.Single(Leaks(byId, w));
        Assert.Single(Leaks(byName, w));
        Assert.Single(Leaks(lines, w));
        Assert.Empty(Leaks(apart, w));
    }

    private static Dictionary<string, string> Ids(AccessWorld w, Guid activity) => new()
    {
        ["sessionId"] = $"{w.A.Id}",
        ["activityId"] = $"{activity}",
        ["participantId"] = $"{w.Rhea.Id}",
        ["responseId"] = $"{w.RheasQuestion}",
        ["jobId"] = $"{w.Job}",
        ["code"] = w.A.JoinCode,
        ["timestamp"] = "0",
        ["activityType"] = "qa",
        ["mediaId"] = w.Image,
        ["webhookId"] = $"{w.Webhook}",
    };

    /// <summary>
    /// Objects of the body (JSON, or JSON lines) that hold an anonymous answer (its id or its text,
    /// at any depth) and name Rhea in one of their own fields: a participant id or her nickname.
    /// </summary>
    private static List<string> Leaks(string body, AccessWorld w)
    {
        var found = new List<string>();
        var documents = TryParse(body) is { } whole ? [whole] : body.Split('\n').Select(TryParse).OfType<JsonNode>().ToList();
        foreach (var document in documents) Visit(document, "$", w, found);
        return found;
    }

    private static void Visit(JsonNode? node, string path, AccessWorld w, List<string> found)
    {
        if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++) Visit(array[i], $"{path}[{i}]", w, found);
            return;
        }
        if (node is not JsonObject obj) return;
        var text = obj.ToJsonString();
        if (HoldsAnAnswer(text, w))
        {
            foreach (var (key, value) in obj)
            {
                if (value is not JsonValue scalar) continue;
                var named = scalar.GetValueKind() switch
                {
                    JsonValueKind.String => scalar.GetValue<string>() == AccessWorld.RheasNickname
                        || (IsPersonKey(key) && scalar.GetValue<string>() == $"{w.Rhea.Id}"),
                    JsonValueKind.Number => IsPersonKey(key) && scalar.ToJsonString() == $"{w.Rhea.Id}",
                    _ => false,
                };
                if (named) found.Add($"{path}.{key} = {scalar.ToJsonString()} in {Shorten(text)}");
            }
        }
        foreach (var (key, value) in obj) Visit(value, $"{path}.{key}", w, found);
    }

    private static bool HoldsAnAnswer(string text, AccessWorld w) =>
        new[] { w.RheasQuestion, w.RheasVote, w.RheasQuizAnswer }.Any(id => text.Contains(id.ToString(), StringComparison.OrdinalIgnoreCase))
        || text.Contains(AccessWorld.RheasQuestionText, StringComparison.Ordinal);

    private static bool IsPersonKey(string key) =>
        key.Contains("participant", StringComparison.OrdinalIgnoreCase) || key.Contains("author", StringComparison.OrdinalIgnoreCase)
        || key.Contains("actor", StringComparison.OrdinalIgnoreCase);

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;

    private static JsonNode? TryParse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null; // not one JSON document: the caller reads it as JSON lines
        }
    }
}
