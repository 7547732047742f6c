using System.Net;
using System.Text.Json;
using Conflicto.Tests.Integration.Activities;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Processing;
using Conflicto.Tests.Integration.Realtime;

namespace Conflicto.Tests.Integration.Trust;

/// <summary>
/// A draft's content (configuration, schema_render, results) reaches nobody but its host: not over
/// REST, not in processing events over the hub or the event log. Background analysis is on, so the
/// draft's own <c>activity.processing</c> events really carry its render.
/// </summary>
public sealed class DraftVisibilityTests(ProcessingFactory factory) : IClassFixture<ProcessingFactory>
{
    private readonly Api _api = factory.Api();

    [Fact]
    public async Task DraftAfterAnalysis_ContentReachesOnlyTheHost_OnEveryRouteAndEvent()
    {
        var secret = $"Secret{Guid.NewGuid():N}";
        var session = await _api.CreateSessionAsync();
        var other = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode);
        await using var viewer = await factory.JoinedAsync(session.Id, null, session.JoinCode);
        await using var participant = await factory.JoinedAsync(session.Id, alice.Token);

        var draft = await _api.CreateActivityAsync(session, "poll",
            new { question = $"Which answer is right? {secret}", options = new[] { $"{secret} A", $"{secret} B" } }, title: $"Quiz {secret}");
        var processing = await _api.WaitForStatusAsync(draft, "completed", adminCode: session.AdminCode);
        Assert.Contains(secret, processing["schema_render"]!.ToJsonString()); // the render is the draft's content
        var last = await _api.LastSeqAsync(session.Id);
        foreach (var client in new[] { host, viewer, participant }) await client.WaitForSeqAsync(last);

        // The host sees everything, live and in the log, including the finished analysis.
        Assert.Contains(secret, Text(host.Events.Where(IsProcessing)));
        Assert.Contains(secret, Text(await _api.EventLogAsync(session.Id, adminCode: session.AdminCode)));
        // Viewers and participants: the draft's events are stubs, its processing events too.
        var viewerLog = await _api.EventLogAsync(session.Id, joinCode: session.JoinCode);
        var participantLog = await _api.EventLogAsync(session.Id, token: alice.Token);
        foreach (var events in new[] { viewer.Events, participant.Events, viewerLog, participantLog })
        {
            Assert.DoesNotContain(secret, Text(events));
            var processingEvents = events.Where(IsProcessing).ToList();
            Assert.NotEmpty(processingEvents);
            Assert.All(processingEvents, e =>
            {
                var data = e.GetProperty("data");
                Assert.True(data.GetProperty("redacted").GetBoolean());
                Assert.Equal(draft, data.GetProperty("activity_id").GetGuid());
                Assert.False(data.TryGetProperty("result", out _));
            });
        }
        // A screen or phone that joins now gets a stub in its snapshot.
        await using (var late = await factory.JoinedAsync(session.Id, null, session.JoinCode))
            Assert.DoesNotContain(secret, late.LastJoin!.Value.GetRawText());

        // REST, in an order that would serve one caller's cached answer to another if views shared a cache key.
        await AssertHostSeesAllAsync(session, draft, secret);
        foreach (var (adminCode, token) in new[] { ((string?)null, (string?)null), (null, alice.Token), (other.AdminCode, null) })
            await AssertOnlyTheStubAsync(session, draft, secret, adminCode, token);
        await AssertHostSeesAllAsync(session, draft, secret);

        // Published, it is everyone's.
        await _api.TransitionAsync(session, draft, "published");
        Assert.Contains(secret, (await _api.ActivityAsync(draft))["schema_render"]!.ToJsonString());
        Assert.Contains(secret, (await _api.GetJsonAsync($"/api/v1/activities/{draft}/processing"))["schema_render"]!.ToJsonString());
    }

    [Fact]
    public async Task EditingADraft_PushesItsResultsToTheHostOnly()
    {
        var secret = $"Secret{Guid.NewGuid():N}";
        var session = await _api.CreateSessionAsync();
        var alice = await _api.JoinAsync(session, "Alice");
        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode);
        await using var viewer = await factory.JoinedAsync(session.Id, null, session.JoinCode);
        await using var participant = await factory.JoinedAsync(session.Id, alice.Token);
        var hostResults = host.CollectResults();
        var viewerResults = viewer.CollectResults();
        var participantResults = participant.CollectResults();
        var draft = await _api.CreateActivityAsync(session, "poll", new { question = "Q?", options = new[] { "A", "B" } });

        // A changed configuration makes the coalescer push the activity's results (a poll's carry its options).
        await Api.ReadAsync(await _api.SendAsync(HttpMethod.Put, $"/api/v1/activities/{draft}",
            new { config = new { question = $"Q {secret}?", options = new[] { $"{secret} A", "B" } } }, adminCode: session.AdminCode), HttpStatusCode.OK);

        var pushed = await hostResults.WaitForResultsAsync(draft, r => r.GetRawText().Contains(secret, StringComparison.Ordinal));
        Assert.Equal(draft, pushed.GetProperty("activityId").GetGuid());
        // One coalescer tick writes to every connection at once; give the others' messages time to arrive had they been sent.
        await Task.Delay(500);
        Assert.DoesNotContain(viewerResults, r => r.GetProperty("activityId").GetGuid() == draft);
        Assert.DoesNotContain(participantResults, r => r.GetProperty("activityId").GetGuid() == draft);
    }

    private async Task AssertHostSeesAllAsync(Api.Session session, Guid draft, string secret)
    {
        var code = session.AdminCode;
        Assert.Contains(secret, (await _api.ActivityAsync(draft, code)).ToJsonString());
        Assert.Contains(secret, (await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}", adminCode: code)).ToJsonString());
        Assert.Contains(secret, (await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/activities", adminCode: code)).ToJsonString());
        Assert.Contains(secret, (await _api.GetJsonAsync($"/api/v1/activities/{draft}/processing", adminCode: code)).ToJsonString());
        Assert.Contains(secret, (await _api.ResultsAsync(draft, code)).ToJsonString());
        Assert.Equal("draft", (await _api.FrameworkStatusAsync(draft, code))["state"]!.GetValue<string>());
        Assert.Equal("draft", (await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/activities/{draft}/status", adminCode: code))["state"]!.GetValue<string>());
        Assert.Equal(0, (await _api.GetJsonAsync($"/api/v1/sessions/{session.Id}/activities/{draft}/responses", adminCode: code))["summary"]!["total_responses"]!.GetValue<int>());
    }

    private async Task AssertOnlyTheStubAsync(Api.Session session, Guid draft, string secret, string? adminCode, string? token)
    {
        var stub = await _api.GetJsonAsync($"/api/v1/activities/{draft}", adminCode: adminCode, token: token);
        Assert.Equal(["id", "redacted", "session_id", "state"], stub.AsObject().Select(p => p.Key).Order());
        Assert.Equal(draft, stub.Id());
        Assert.True(stub["redacted"]!.GetValue<bool>());
        foreach (var document in new[] { $"/api/v1/sessions/{session.Id}", $"/api/v1/sessions/{session.Id}/activities", $"/api/v1/sessions/{session.Id}/activities?status=draft" })
        {
            var body = await _api.GetJsonAsync(document, adminCode: adminCode, token: token);
            Assert.DoesNotContain(secret, body.ToJsonString());
            var listed = body["activities"]!.AsArray().Single(a => a!.Id() == draft)!;
            Assert.True(listed["redacted"]!.GetValue<bool>());
        }
        Assert.Equal("null", await (await _api.SendAsync(HttpMethod.Get, $"/api/v1/sessions/{session.Id}/activities/active", adminCode: adminCode, token: token)).Content.ReadAsStringAsync());
        foreach (var route in new[]
        {
            $"/api/v1/activities/{draft}/processing", $"/api/v1/activities/{draft}/results", $"/api/v1/activities/{draft}/status/framework",
            $"/api/v1/sessions/{session.Id}/activities/{draft}/status", $"/api/v1/sessions/{session.Id}/activities/{draft}/responses",
            $"/api/v1/sessions/{session.Id}/activities/{draft}/responses/since/0",
        })
        {
            var problem = await Api.ProblemAsync(await _api.SendAsync(HttpMethod.Get, route, adminCode: adminCode, token: token), HttpStatusCode.NotFound);
            Assert.DoesNotContain(secret, problem.ToJsonString());
        }
    }

    private static bool IsProcessing(JsonElement envelope) => envelope.GetProperty("type").GetString() == "activity.processing";

    private static string Text(IEnumerable<JsonElement> events) => string.Join("\n", events.Select(e => e.GetRawText()));
}
