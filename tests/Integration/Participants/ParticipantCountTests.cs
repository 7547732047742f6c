using System.Net;
using System.Net.Http.Json;
using Conflicto.Tests.Integration.Infrastructure;
using Dapper;
using Npgsql;

namespace Conflicto.Tests.Integration.Participants;

/// <summary>
/// <c>participant_count</c> is a column kept by the join and leave transactions, not a recount:
/// through every way of arriving and going, and under racing joins, it equals the participants
/// actually present, and every view (join answer, status, session detail) shows it.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ParticipantCountTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task Count_ThroughJoinsLeavesRemovalsAndRejoin_EqualsThePresentParticipants()
    {
        var session = await _api.CreateSessionAsync();
        await AssertCountAsync(session, 0);

        var ada = await JoinAsync(session, "Ada", expectedCount: 1);
        var bob = await JoinAsync(session, "Bob", expectedCount: 2);
        await JoinAsync(session, "Cleo", expectedCount: 3);
        await AssertCountAsync(session, 3);

        Assert.Equal(HttpStatusCode.NoContent, (await _api.SendAsync(HttpMethod.Delete, $"/api/v1/participants/{ada.Id}", token: ada.Token)).StatusCode);
        await AssertCountAsync(session, 2);
        Assert.Equal(HttpStatusCode.NoContent, (await _api.SendAsync(HttpMethod.Delete, $"/api/v1/participants/{bob.Id}", adminCode: session.AdminCode)).StatusCode);
        await AssertCountAsync(session, 1);
        // A second leave of someone already gone changes nothing.
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Delete, $"/api/v1/participants/{bob.Id}", adminCode: session.AdminCode), HttpStatusCode.NotFound);
        await AssertCountAsync(session, 1);

        // Ada comes back under her old name (freed when she left) and counts once.
        var again = await JoinAsync(session, "Ada", expectedCount: 2);
        Assert.Equal("Ada", again.Nickname);
        await AssertCountAsync(session, 2);
    }

    [Fact]
    public async Task Count_ARefusedJoin_DoesNotCount()
    {
        var session = await _api.CreateSessionAsync(maxParticipants: 1);
        await JoinAsync(session, "Ada", expectedCount: 1);

        await Api.ProblemAsync(await _api.Client.PostAsJsonAsync($"/api/v1/sessions/{session.Id}/join", new { nickname = "Bob" }), HttpStatusCode.Conflict);

        await AssertCountAsync(session, 1);
    }

    [Fact]
    public async Task Count_UnderConcurrentJoinsAndLeaves_StaysExact_AndEachJoinSeesItsOwnCount()
    {
        var session = await _api.CreateSessionAsync();
        var first = await Task.WhenAll(Enumerable.Range(1, 20).Select(i =>
            _api.Client.PostAsJsonAsync($"/api/v1/sessions/{session.Id}/join", new { nickname = "Same" })));
        var bodies = await Task.WhenAll(first.Select(r => Api.ReadAsync(r, HttpStatusCode.OK)));
        // Each join counted itself under the session lock: the twenty answers are 1..20, once each.
        Assert.Equal(Enumerable.Range(1, 20), bodies.Select(b => b["session_state"]!["participant_count"]!.GetValue<int>()).Order());
        await AssertCountAsync(session, 20);

        // Ten leave while ten more arrive.
        var leaving = bodies.Take(10).Select(b => (Id: b["participant_id"]!.GetValue<string>(), Token: b["participant_token"]!.GetValue<string>()));
        var leaves = leaving.Select(p => _api.SendAsync(HttpMethod.Delete, $"/api/v1/participants/{p.Id}", token: p.Token));
        var joins = Enumerable.Range(1, 10).Select(i => _api.Client.PostAsJsonAsync($"/api/v1/sessions/{session.Id}/join", new { nickname = $"Late {i}" }));
        var done = await Task.WhenAll(leaves.Concat(joins));

        Assert.Equal(10, done.Count(r => r.StatusCode == HttpStatusCode.NoContent));
        Assert.Equal(10, done.Count(r => r.StatusCode == HttpStatusCode.OK));
        await AssertCountAsync(session, 20);
    }

    private async Task<Api.Participant> JoinAsync(Api.Session session, string nickname, int expectedCount)
    {
        var response = await _api.Client.PostAsJsonAsync($"/api/v1/sessions/{session.Id}/join", new { nickname });
        var body = await Api.ReadAsync(response, HttpStatusCode.OK);
        Assert.Equal(expectedCount, body["session_state"]!["participant_count"]!.GetValue<int>());
        return new Api.Participant(int.Parse(body["participant_id"]!.GetValue<string>()), body["participant_token"]!.GetValue<string>(),
            body["nickname"]!.GetValue<string>(), session.Id);
    }

    /// <summary>The kept count, as the status and detail views show it, equals a recount of the present participants.</summary>
    private async Task AssertCountAsync(Api.Session session, int expected)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        var present = await connection.ExecuteScalarAsync<int>(
            "select count(*)::int from participants where session_id = @id and left_at is null", new { id = session.Id });
        Assert.Equal(expected, present);
        Assert.Equal(expected, (await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/status"))["participant_count"]!.GetValue<int>());
        Assert.Equal(expected, (await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}"))["participant_count"]!.GetValue<int>());
    }
}
