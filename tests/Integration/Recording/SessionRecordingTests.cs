using System.Net;
using System.Text.Json;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Realtime;

namespace Conflicto.Tests.Integration.Recording;

/// <summary>
/// <c>GET /api/v1/sessions/{id}/recording</c>: the host's event log with timings. It carries what
/// the host's hub stream carried, pages with <c>after_seq</c> / <c>limit</c>, is the host's alone,
/// and keeps anonymous answers anonymous.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SessionRecordingTests(ConflictoApiFactory factory)
{
    private static readonly object PollConfig = new { question = "Best colour?", options = new[] { "Red", "Green", "Blue" } };
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task Recording_OfAScriptedSession_EqualsWhatTheHostHubClientReceived()
    {
        var session = await _api.CreateSessionAsync("Recorded");
        await using var host = factory.HubClient(session.AdminCode);
        await host.StartAsync();
        await host.JoinAsync(session.Id, afterSeq: 0);
        var poll = await RunPollAsync(session, PollConfig, answers: [0, 0, 2]);
        await host.WaitForSeqAsync(await _api.LastSeqAsync(session.Id));

        var recording = await RecordingAsync(session);

        var events = Events(recording);
        Assert.Equal(host.Events.Seqs(), events.Seqs());
        Assert.Equal(host.Events.Types(), events.Types());
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Seqs());
        foreach (var (received, logged) in host.Events.Zip(events))
        {
            Assert.True(JsonElement.DeepEquals(received.Data(), logged.Data()), $"seq {logged.GetProperty("seq")}: hub {received.Data()} but recording {logged.Data()}");
            Assert.Equal(received.GetProperty("at").GetDateTime(), logged.GetProperty("at").GetDateTime());
        }
        Assert.Contains("response.added", events.Types());
        Assert.Equal("completed", events[^1].Data().GetProperty("status").GetString());

        // Timings: offsets from the first event, in order, adding up to the duration.
        var offsets = events.Select(e => e.GetProperty("offset_ms").GetInt64()).ToList();
        Assert.Equal(0, offsets[0]);
        Assert.Equal(offsets.Order(), offsets);
        Assert.Equal(recording.GetProperty("duration_ms").GetInt64(), offsets[^1]);
        Assert.Equal(events.Count, recording.GetProperty("event_count").GetInt64());
        Assert.Equal("Recorded", recording.GetProperty("session").GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, recording.GetProperty("session").GetProperty("admin_code").ValueKind);
        Assert.False(recording.GetProperty("has_more").GetBoolean());

        // The charts: results travel with the events, and the final ones are the session's results now.
        var recorded = events.Where(e => e.TryGetProperty("results", out _)).SelectMany(e => e.GetProperty("results").EnumerateArray()).ToList();
        Assert.NotEmpty(recorded);
        Assert.All(recorded, r => Assert.Equal(poll.ToString(), r.GetProperty("activityId").GetString()));
        var final = Assert.Single(recording.GetProperty("results").EnumerateArray());
        Assert.Equal(3, final.GetProperty("responseCount").GetInt32());
        Assert.Equal(3, recorded[^1].GetProperty("responseCount").GetInt32());
        await using var late = await factory.JoinedAsync(session.Id, session.AdminCode);
        var live = late.LastJoin!.Value.GetProperty("snapshot").GetProperty("results").EnumerateArray().Single();
        Assert.True(JsonElement.DeepEquals(live.GetProperty("results"), final.GetProperty("results")), $"live {live} but recording {final}");
        Assert.True(JsonElement.DeepEquals(live.GetProperty("results"), recorded[^1].GetProperty("results")), $"live {live} but last recorded {recorded[^1]}");
    }

    [Fact]
    public async Task Recording_PagedWithAfterSeqAndLimit_CoversTheLogOnce()
    {
        var session = await _api.CreateSessionAsync();
        await RunPollAsync(session, PollConfig, answers: [1, 1, 0]);
        var whole = Events(await RecordingAsync(session));

        var paged = new List<JsonElement>();
        var pages = 0;
        long after = 0;
        for (var more = true; more; pages++)
        {
            var page = await RecordingAsync(session, $"?after_seq={after}&limit=4");
            Assert.Equal(after, page.GetProperty("after_seq").GetInt64());
            Assert.True(Events(page).Count <= 4);
            paged.AddRange(Events(page));
            more = page.GetProperty("has_more").GetBoolean();
            // Final results come once, with the page that reaches the end.
            Assert.Equal(!more, page.TryGetProperty("results", out _));
            after = page.GetProperty("last_seq").GetInt64();
        }

        Assert.Equal(whole.Seqs(), paged.Seqs());
        Assert.Equal((whole.Count + 3) / 4, pages);
        // A later page's offsets and charts are those of the whole recording.
        Assert.Equal(whole.Select(e => e.GetRawText()), paged.Select(e => e.GetRawText()));
        Assert.Empty(Events(await RecordingAsync(session, $"?after_seq={whole.Count}")));
    }

    [Fact]
    public async Task Recording_IsTheHostsOnly()
    {
        var session = await _api.CreateSessionAsync();
        var other = await _api.CreateSessionAsync();
        var ada = await _api.JoinAsync(session, "Ada");
        var url = $"/api/v1/sessions/{session.Id}/recording";

        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, url), HttpStatusCode.Unauthorized);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, url, token: ada.Token), HttpStatusCode.Forbidden);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"{url}?join_code={session.JoinCode}"), HttpStatusCode.Forbidden);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, url, adminCode: other.AdminCode), HttpStatusCode.Forbidden);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, "/api/v1/sessions/999999999/recording", adminCode: session.AdminCode), HttpStatusCode.NotFound);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"{url}?limit=0", adminCode: session.AdminCode), HttpStatusCode.UnprocessableEntity);
        await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, $"{url}?after_seq=-1", adminCode: session.AdminCode), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["session.created", "participant.joined"], Events(await RecordingAsync(session)).Types());
    }

    [Fact]
    public async Task Recording_AnonymousResponses_NameNoParticipant()
    {
        var session = await _api.CreateSessionAsync();
        var poll = await RunPollAsync(session, new { question = "Secret ballot?", options = new[] { "Yes", "No" }, anonymous_voting = true }, answers: [0, 1, 1]);

        var recording = await RecordingAsync(session);

        var responses = Events(recording).Where(e => e.GetProperty("type").GetString() == "response.added").ToList();
        Assert.Equal(3, responses.Count);
        Assert.All(responses, e =>
        {
            Assert.Equal(poll.ToString(), e.Data().GetProperty("activity_id").GetString());
            Assert.True(e.Data().GetProperty("anonymous").GetBoolean());
            Assert.True(!e.Data().TryGetProperty("participant_id", out var who) || who.ValueKind == JsonValueKind.Null, $"reveals {who}");
        });
        // Joins still name the people (the host saw them join), but no answer can be tied to them.
        var participants = Events(recording).Where(e => e.GetProperty("type").GetString() == "participant.joined")
            .Select(e => e.Data().GetProperty("participant_id").ToString()).ToList();
        Assert.Equal(3, participants.Count);
        Assert.All(responses, e => Assert.DoesNotContain(participants, p => e.Data().GetRawText().Contains($"\"participant_id\":{p}", StringComparison.Ordinal)));
    }

    /// <summary>Three participants join, a poll opens, each answers, the poll closes and the session completes.</summary>
    private async Task<Guid> RunPollAsync(Api.Session session, object config, int[] answers)
    {
        var people = new List<Api.Participant>();
        foreach (var name in new[] { "Ada", "Bob", "Cy" }) people.Add(await _api.JoinAsync(session, name));
        var poll = await _api.CreateActiveActivityAsync(session, "poll", config, title: "Colours");
        for (var i = 0; i < answers.Length; i++)
            await Api.ReadAsync(await _api.SubmitAsync(people[i], poll, new { option_index = answers[i] }), HttpStatusCode.Created);
        await _api.TransitionAsync(session, poll, "expired");
        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/sessions/{session.Id}", new { status = "completed" }, adminCode: session.AdminCode), HttpStatusCode.OK);
        await WaitForSummaryAsync(session);
        return poll;
    }

    /// <summary>The session.summary event is appended a moment after the completion: the log is whole once it is in.</summary>
    private async Task WaitForSummaryAsync(Api.Session session)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline; await Task.Delay(50))
            if (Events(await RecordingAsync(session)).Types().Contains("session.summary")) return;
        Assert.Fail("no session.summary event was appended after the session completed");
    }

    private async Task<JsonElement> RecordingAsync(Api.Session session, string query = "")
    {
        var response = await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}/recording{query}", adminCode: session.AdminCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static List<JsonElement> Events(JsonElement recording) => [.. recording.GetProperty("events").EnumerateArray()];
}
