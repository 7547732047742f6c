using System.Net;
using Conflicto.Tests.Integration.Infrastructure;
using Dapper;
using Npgsql;

namespace Conflicto.Tests.Integration.Responses;

/// <summary>Group commit: many participants answering at once, with retries, lose and duplicate nothing.</summary>
[Collection(ApiCollection.Name)]
public sealed class ResponseIngestTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task ConcurrentSubmissionsWithRetries_StoreEachOnce_WithGapFreeSeqs()
    {
        var session = await _api.CreateSessionAsync(maxParticipants: 1000);
        var poll = await _api.CreateActiveActivityAsync(session, "poll", new { question = "Pick", options = new[] { "A", "B", "C" } });
        var people = await Task.WhenAll(Enumerable.Range(0, 120).Select(i => _api.JoinAsync(session, $"Voter {i}")));
        await using var db = new NpgsqlConnection(factory.ConnectionString);
        var before = await db.ExecuteScalarAsync<long>("select last_seq from sessions where id = @id", new { id = session.Id });

        // Every participant submits twice at once with the same key (a client retry racing the
        // original), and once more with another key (a second vote: polls take one answer).
        var submissions = people.SelectMany((p, i) => new[]
        {
            (Person: p, Key: $"vote-{i}", Option: i % 3),
            (Person: p, Key: $"vote-{i}", Option: i % 3),
            (Person: p, Key: $"again-{i}", Option: (i + 1) % 3),
        }).ToList();
        var answers = await Task.WhenAll(submissions.Select(async s =>
        {
            var response = await _api.SubmitAsync(s.Person, poll, new { option_index = s.Option }, s.Key);
            return (s.Person, s.Key, Status: response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        // Whichever key got in first wins; its retry gets the same response back, the other key a 409.
        foreach (var group in answers.GroupBy(a => a.Person.Id))
        {
            var winner = Assert.Single(group, a => a.Status == HttpStatusCode.Created);
            Assert.All(group.Where(a => a.Key == winner.Key && a != winner), a =>
            {
                Assert.Equal(HttpStatusCode.OK, a.Status);
                Assert.Equal(System.Text.Json.Nodes.JsonNode.Parse(winner.Body)!["id"]!.ToString(), System.Text.Json.Nodes.JsonNode.Parse(a.Body)!["id"]!.ToString());
            });
            Assert.All(group.Where(a => a.Key != winner.Key), a => Assert.Equal(HttpStatusCode.Conflict, a.Status));
        }
        var stored = await db.QuerySingleAsync<(long Rows, long Participants)>(
            "select count(*), count(distinct participant_id) from user_responses where activity_id = @poll", new { poll });
        Assert.Equal((120L, 120L), stored);
        Assert.Equal(120, await db.ExecuteScalarAsync<int>("select response_count from activities where id = @poll", new { poll }));
        var seqs = (await db.QueryAsync<long>("select seq from session_events where session_id = @id and seq > @before order by seq",
            new { id = session.Id, before })).ToList();
        Assert.Equal(Enumerable.Range(1, 120).Select(i => before + i), seqs);
        var changeSeqs = (await db.QueryAsync<long>("select change_seq from user_responses where activity_id = @poll order by change_seq", new { poll })).ToList();
        Assert.Equal(seqs, changeSeqs);
    }
}
