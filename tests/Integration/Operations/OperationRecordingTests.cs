using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Realtime;
using Microsoft.Extensions.DependencyInjection;
using static Conflicto.Tests.Integration.Operations.OperationTesting;

namespace Conflicto.Tests.Integration.Operations;

/// <summary>REST requests and hub calls become operations with their route or method, session, actor, timing and outcome.</summary>
public sealed class OperationRecordingTests(OperationsApiFactory factory) : IClassFixture<OperationsApiFactory>
{
    private static readonly object PollConfig = new { question = "Best?", options = new[] { "A", "B" } };

    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task RestRequests_AreRecordedUnderTheirRoutePattern_WithSessionActorAndTiming()
    {
        var session = await _api.CreateSessionAsync();
        await _api.CreateActivityAsync(session, "poll", PollConfig);
        var alice = await _api.JoinAsync(session, "Alice");
        Assert.Equal(HttpStatusCode.OK, (await _api.SendAsync(HttpMethod.Post, $"/api/v1/participants/{alice.Id}/heartbeat", new { }, token: alice.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.SendAsync(HttpMethod.Put, $"/api/v1/sessions/{session.Id}", new { title = "Mine now" })).StatusCode);

        var create = await _api.SingleAsync(session, Name("POST", "/api/v1/sessions/{sessionId}/activities/framework"));
        Assert.Equal("rest", create.Text("kind"));
        Assert.Equal(session.Id, create.Int("session_id"));
        Assert.Equal("host", create.Text("actor_role"));
        Assert.Null(create["participant_id"]);
        Assert.Equal("ok", create.Text("outcome"));
        Assert.Equal(201, create.Int("status_code"));
        Assert.Null(create["error_kind"]);
        AssertTimed(create);
        Assert.False(string.IsNullOrEmpty(create.Text("request_id")));

        // No session in the route: the participant's token names it.
        var heartbeat = await _api.SingleAsync(session, Name("POST", "/api/v1/participants/{participantId}/heartbeat"));
        Assert.Equal("participant", heartbeat.Text("actor_role"));
        Assert.Equal(alice.Id, heartbeat.Int("participant_id"));
        Assert.Equal(session.Id, heartbeat.Int("session_id"));
        Assert.Equal("ok", heartbeat.Text("outcome"));
        AssertTimed(heartbeat);

        var refused = await _api.SingleAsync(session, Name("PUT", "/api/v1/sessions/{sessionId}"));
        Assert.Equal("anonymous", refused.Text("actor_role"));
        Assert.Equal("refused", refused.Text("outcome"));
        Assert.Equal(401, refused.Int("status_code"));
        Assert.Equal("unauthorized", refused.Text("error_kind"));
        AssertTimed(refused);
    }

    [Fact]
    public async Task Answers_AreRecordedAsAParticipants_ButNeverWithTheirId()
    {
        // The operation log is the host's: a submission's participant and time would name the author of an anonymous answer (docs/security.md).
        var session = await _api.CreateSessionAsync();
        var qa = await _api.CreateActiveActivityAsync(session, "qa", new { topic = "Ask", allow_anonymous = true });
        var alice = await _api.JoinAsync(session, "Alice");
        var asked = await Api.ReadAsync(await _api.SubmitAsync(alice, qa, new { question = "Why?", anonymous = true }), HttpStatusCode.Created);
        var id = asked["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await _api.SendAsync(HttpMethod.Put, $"/api/v1/responses/{id}", new { response_data = new { question = "Why not?", anonymous = true } }, token: alice.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _api.SendAsync(HttpMethod.Delete, $"/api/v1/responses/{id}", token: alice.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _api.SendAsync(HttpMethod.Post, $"/api/v1/activities/{qa}/responses", new { response_data = new { question = "Legacy" } }, token: alice.Token)).StatusCode);
        await using (var hub = await factory.JoinedAsync(session.Id, alice.Token))
            await hub.InvokeAsync("SubmitResponse", qa, new { question = "Over the hub", anonymous = true }, Guid.NewGuid().ToString());

        var answers = new List<JsonNode>
        {
            await _api.SingleAsync(session, Name("POST", "/api/v1/sessions/{sessionId}/activities/{activityId}/responses")),
            await _api.SingleAsync(session, Name("PUT", "/api/v1/responses/{responseId}")),
            await _api.SingleAsync(session, Name("DELETE", "/api/v1/responses/{responseId}")),
            await _api.SingleAsync(session, Name("POST", "/api/v1/activities/{activityId}/responses")),
            await _api.SingleAsync(session, "kind=hub&name=SubmitResponse"),
        };
        Assert.All(answers, o =>
        {
            Assert.Equal(("participant", "ok", session.Id), (o.Text("actor_role"), o.Text("outcome"), o.Int("session_id")));
            Assert.Null(o["participant_id"]);
        });
        // What else she did stays hers (joining over the hub), but no answer is among it.
        var hers = await _api.WaitForAsync(session, $"participant_id={alice.Id}");
        Assert.Contains(hers, o => o.Text("name") == "JoinSession");
        Assert.DoesNotContain(hers, o => o.Text("name")!.Contains("responses", StringComparison.Ordinal) || o.Text("name") == "SubmitResponse");
    }

    [Fact]
    public async Task HubCalls_AreRecordedByMethod_WithTheStatusTheClientGot_AndTimedInTheHistogram()
    {
        var measurements = new List<(string Method, string Outcome, double Seconds)>();
        using var listener = ListenToHubDurations(measurements);
        var session = await _api.CreateSessionAsync();
        var poll = await _api.CreateActivityAsync(session, "poll", PollConfig);
        var alice = await _api.JoinAsync(session, "Alice");
        await using var participant = await factory.JoinedAsync(session.Id, alice.Token);
        await using var host = await factory.JoinedAsync(session.Id, session.AdminCode);

        await HubTesting.RefusedAsync(403, () => participant.InvokeAsync("SetSessionStatus", "active"));
        await HubTesting.RefusedAsync(400, () => host.InvokeAsync("TransitionActivity", poll, 42)); // refused by HubCallFilter itself
        await HubTesting.RefusedAsync(400, () => host.InvokeAsync("OpenEverything"));
        await HubTesting.RefusedAsync(500, () => host.InvokeAsync("SetSessionStatus", OperationsApiFactory.FailOnPurpose.Trigger));

        var join = await _api.SingleAsync(session, "kind=hub&name=JoinSession&actor_role=participant");
        Assert.Equal(alice.Id, join.Int("participant_id"));
        Assert.Equal(session.Id, join.Int("session_id"));
        Assert.Equal("ok", join.Text("outcome"));
        Assert.Equal(200, join.Int("status_code"));
        Assert.Equal(participant.Connection.ConnectionId, join.Text("request_id"));
        AssertTimed(join);

        var notAllowed = await _api.SingleAsync(session, "name=SetSessionStatus&actor_role=participant");
        Assert.Equal(("refused", 403, "forbidden"), (notAllowed.Text("outcome"), notAllowed.Int("status_code"), notAllowed.Text("error_kind")));
        Assert.Equal(alice.Id, notAllowed.Int("participant_id"));

        var unbound = await _api.SingleAsync(session, "name=TransitionActivity");
        Assert.Equal(("host", "refused", 400, "bad_request"), (unbound.Text("actor_role"), unbound.Text("outcome"), unbound.Int("status_code"), unbound.Text("error_kind")));
        var unknown = await _api.SingleAsync(session, "name=" + Uri.EscapeDataString("(unknown)"));
        Assert.Equal(400, unknown.Int("status_code"));

        var failed = await _api.SingleAsync(session, "name=SetSessionStatus&outcome=failed");
        Assert.Equal(("host", 500, "internal"), (failed.Text("actor_role"), failed.Int("status_code"), failed.Text("error_kind")));
        Assert.Equal(host.Connection.ConnectionId, failed.Text("request_id"));

        lock (measurements)
        {
            Assert.Contains(measurements, m => m is ("JoinSession", "ok", > 0));
            Assert.Contains(measurements, m => m is ("SetSessionStatus", "refused", _));
            Assert.Contains(measurements, m => m is ("SetSessionStatus", "failed", _));
            Assert.Contains(measurements, m => m is ("(unknown)", "refused", _));
            Assert.DoesNotContain(measurements, m => m.Method == "OpenEverything"); // clients cannot invent series
        }
    }

    [Fact]
    public async Task AbandonedLongPoll_IsRecordedAsCancelled()
    {
        var session = await _api.CreateSessionAsync();
        var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/sessions/{session.Id}/events?after=1000000&wait=30");
        request.Headers.Add("X-Admin-Code", session.AdminCode);
        using var abandon = new CancellationTokenSource();
        var poll = client.SendAsync(request, abandon.Token);
        await Task.Delay(300); // let the poll reach the server and start waiting; the assertion below does not depend on how long this was
        await abandon.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => poll);

        var cancelled = await _api.SingleAsync(session, Name("GET", "/api/v1/sessions/{sessionId}/events"));
        Assert.Equal(("host", "cancelled", 499, "cancelled"), (cancelled.Text("actor_role"), cancelled.Text("outcome"), cancelled.Int("status_code"), cancelled.Text("error_kind")));
    }

    private static void AssertTimed(JsonNode operation)
    {
        var duration = operation["duration_ms"]!.GetValue<double>();
        Assert.True(duration > 0, $"duration_ms was {duration}");
        var started = operation["started_at"]!.GetValue<DateTime>();
        var ended = operation["ended_at"]!.GetValue<DateTime>();
        Assert.True(ended >= started, $"ended_at {ended:O} is before started_at {started:O}");
        Assert.True((DateTime.UtcNow - started.ToUniversalTime()).Duration() < TimeSpan.FromHours(1), $"started_at {started:O} is not about now");
    }

    /// <summary>Records this test server's <c>conflicto.hub.invocation.duration</c> measurements (other servers in the process have their own meter).</summary>
    private MeterListener ListenToHubDurations(List<(string Method, string Outcome, double Seconds)> into)
    {
        var scope = factory.Services.GetRequiredService<IMeterFactory>();
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "conflicto.hub.invocation.duration" && ReferenceEquals(instrument.Meter.Scope, scope)) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            string? method = null, outcome = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "method") method = tag.Value as string;
                if (tag.Key == "outcome") outcome = tag.Value as string;
            }
            lock (into) into.Add((method ?? "", outcome ?? "", value));
        });
        listener.Start();
        return listener;
    }
}
