using System.Net;
using System.Net.Http.Json;
using Conflicto.Tests.Integration.Infrastructure;
using Dapper;
using Npgsql;

namespace Conflicto.Tests.Integration.Events;

/// <summary>
/// The per-session event log (session_events): every change through the API appends exactly one
/// event, seq starts at 1 with no gaps even under concurrent writers, and no event reveals the admin code.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SessionEventLogTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task CreateSession_WritesSessionCreatedAsSeq1()
    {
        var session = await _api.CreateSessionAsync("Logged");

        var events = await EventsAsync(session.Id);

        var created = Assert.Single(events);
        Assert.Equal(1, created.Seq);
        Assert.Equal("session.created", created.Type);
        Assert.Contains("Logged", created.Data, StringComparison.Ordinal);
        Assert.Equal(1, await LastSeqAsync(session.Id));
    }

    [Fact]
    public async Task Join_Update_ActivityCreation_EachAppendOneEventWithTheNextSeq()
    {
        var session = await _api.CreateSessionAsync();

        var join = await Api.ReadAsync(await _api.Client.PostAsJsonAsync($"/api/v1/sessions/{session.Id}/join", new { nickname = "Ada" }), HttpStatusCode.OK);
        Assert.Equal([(1L, "session.created"), (2L, "participant.joined")], await SeqAndTypesAsync(session.Id));
        Assert.Equal(2, join["session_state"]!["last_seq"]!.GetValue<long>());

        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/sessions/{session.Id}", new { title = "Renamed" }, adminCode: session.AdminCode), HttpStatusCode.OK);
        Assert.Equal((3L, "session.updated"), (await SeqAndTypesAsync(session.Id))[^1]);

        await _api.CreateActivityAsync(session, "poll", new { question = "Q?", options = new[] { "a", "b" } });
        Assert.Equal((4L, "activity.created"), (await SeqAndTypesAsync(session.Id))[^1]);

        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/sessions/{session.Id}", new { status = "active" }, adminCode: session.AdminCode), HttpStatusCode.OK);
        var all = await SeqAndTypesAsync(session.Id);
        Assert.Equal((5L, "session.status_changed"), all[^1]);
        Assert.Equal(5, all.Count);
        Assert.Equal(5, await LastSeqAsync(session.Id));
    }

    [Fact]
    public async Task ReadsHeartbeatsAndRefusedRequests_AppendNoEvents()
    {
        var session = await _api.CreateSessionAsync();
        var ada = await _api.JoinAsync(session, "Ada");
        var before = await SeqAndTypesAsync(session.Id);

        await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}");
        await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/participants");
        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Post, $"/api/v1/participants/{ada.Id}/heartbeat", new { activity_context = new { x = 1 } }, token: ada.Token), HttpStatusCode.OK);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/sessions/{session.Id}", new { title = "x" }), HttpStatusCode.Unauthorized);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/sessions/{session.Id}", new { status = "paused" }, adminCode: session.AdminCode), HttpStatusCode.UnprocessableEntity);
        await Api.ProblemAsync(await _api.Client.PostAsJsonAsync($"/api/v1/sessions/{session.Id}/join", new { nickname = "<b>" }), HttpStatusCode.UnprocessableEntity);

        Assert.Equal(before, await SeqAndTypesAsync(session.Id));
        Assert.Equal(before.Count, await LastSeqAsync(session.Id));
    }

    [Fact]
    public async Task SessionEvents_NeverContainTheAdminCode()
    {
        var session = await _api.CreateSessionAsync("Secret keeper");
        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/sessions/{session.Id}", new { description = "Updated" }, adminCode: session.AdminCode), HttpStatusCode.OK);
        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/sessions/{session.Id}", new { status = "active" }, adminCode: session.AdminCode), HttpStatusCode.OK);
        await _api.JoinAsync(session, "Ada");
        await _api.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "One word?" });

        var events = await EventsAsync(session.Id);

        Assert.Contains(events, e => e.Type == "session.created");
        Assert.Contains(events, e => e.Type == "session.updated");
        Assert.Contains(events, e => e.Type == "session.status_changed");
        Assert.All(events, e =>
        {
            Assert.DoesNotContain(session.AdminCode, e.Data, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("admin_code", e.Data, StringComparison.OrdinalIgnoreCase);
        });
        // The join code is public and belongs in session events (viewers join with it).
        Assert.Contains(session.JoinCode, events.Single(e => e.Type == "session.created").Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FiftyConcurrentWriters_LeaveSeqExactly1ToNWithoutGapsOrDuplicates()
    {
        var session = await _api.CreateSessionAsync(maxParticipants: 1000);

        var writes = Enumerable.Range(0, 50).Select(i => i % 2 == 0
            ? _api.Client.PostAsJsonAsync($"/api/v1/sessions/{session.Id}/join", new { nickname = "Crowd" })
            : _api.SendAsync(HttpMethod.Post, $"/api/v1/sessions/{session.Id}/activities/framework",
                new { activity_type = "custom", title = $"Activity {i}", configuration = new { n = i } }, adminCode: session.AdminCode));
        var responses = await Task.WhenAll(writes);

        foreach (var response in responses)
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var events = await EventsAsync(session.Id);
        const long n = 51;
        Assert.Equal(Enumerable.Range(1, (int)n).Select(i => (long)i), events.Select(e => e.Seq));
        Assert.Equal(n, await LastSeqAsync(session.Id));
        Assert.Equal(25, events.Count(e => e.Type == "participant.joined"));
        Assert.Equal(25, events.Count(e => e.Type == "activity.created"));
        // The clock is read under the session lock, so event times follow seq order.
        Assert.Equal(events.Select(e => e.At).Order(), events.Select(e => e.At));
    }

    private sealed record EventRow(long Seq, string Type, DateTime At, string Data);

    private async Task<List<EventRow>> EventsAsync(int sessionId)
    {
        await using var db = new NpgsqlConnection(factory.ConnectionString);
        var rows = await db.QueryAsync<EventRow>(
            "select seq, type, at, data::text as data from session_events where session_id = @sessionId order by seq", new { sessionId });
        return rows.ToList();
    }

    private async Task<List<(long Seq, string Type)>> SeqAndTypesAsync(int sessionId) =>
        (await EventsAsync(sessionId)).Select(e => (e.Seq, e.Type)).ToList();

    private async Task<long> LastSeqAsync(int sessionId)
    {
        await using var db = new NpgsqlConnection(factory.ConnectionString);
        return await db.ExecuteScalarAsync<long>("select last_seq from sessions where id = @sessionId", new { sessionId });
    }
}
