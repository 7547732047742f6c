using System.Net;
using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;

namespace Conflicto.Tests.Integration.Metrics;

/// <summary>
/// Each series moves when the matching action happens: scrape, act, scrape again (until it moved,
/// bounded) and compare. The nodes are this collection's own processes, so what moves was done here.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class MetricsMovementTests(MetricsFixture nodes)
{
    private static readonly object Poll = new { question = "Colour?", options = new[] { "Red", "Green", "Blue" } };

    private readonly Api _apiA = new(nodes.HttpA);
    private readonly Api _apiB = new(nodes.HttpB);

    [Fact]
    public async Task CreatingASession_CountsItsEvent_ItsRequestByRoute_AndDatabaseOperations()
    {
        const string route = "/api/v1/sessions/";
        var before = await nodes.ScrapeFreshAsync(nodes.NodeA);

        await _apiA.CreateSessionAsync("Counted");

        var after = await nodes.ScrapeUntilAsync(nodes.NodeA,
            s => s.Sum("http_server_request_duration_seconds_count", ("http_route", route), ("http_request_method", "POST")) > before.Sum("http_server_request_duration_seconds_count", ("http_route", route), ("http_request_method", "POST")),
            "POST /api/v1/sessions/ duration");
        Assert.Equal(1, after.Sum("conflicto_events_appended_total", ("type", "session.created")) - before.Sum("conflicto_events_appended_total", ("type", "session.created")));
        Assert.Equal(1, after.Sum("http_server_request_duration_seconds_count", ("http_route", route), ("http_response_status_code", "201"))
            - before.Sum("http_server_request_duration_seconds_count", ("http_route", route), ("http_response_status_code", "201")));
        Assert.True(after.Sum("db_client_operation_duration_seconds_count") > before.Sum("db_client_operation_duration_seconds_count"));
        Assert.True(after.Sum("db_client_connection_max", ("db_client_connection_pool_name", "conflicto")) > 0);
    }

    [Fact]
    public async Task AHostOverWebSockets_IsCountedAsNone_ThenAsHost_AndItsSessionGoesLive_UntilItLeaves()
    {
        var session = await _apiA.CreateSessionAsync("Live");
        (string, string)[] host = [("transport", "web_sockets"), ("role", "host")];
        (string, string)[] unjoined = [("transport", "web_sockets"), ("role", "none")];
        var before = await nodes.ScrapeFreshAsync(nodes.NodeA);

        var client = SessionHubClient.Create(null, nodes.NodeA.BaseUrl, session.AdminCode, HttpTransportType.WebSockets);
        await using (client)
        {
            await client.StartAsync();
            var connected = await nodes.ScrapeUntilAsync(nodes.NodeA, s => s.Sum("conflicto_hub_connections", unjoined) > before.Sum("conflicto_hub_connections", unjoined), "unjoined connections");
            Assert.Equal(before.Sum("conflicto_hub_connections", host), connected.Sum("conflicto_hub_connections", host));
            Assert.Equal(1, connected.Sum("signalr_server_active_connections", ("signalr_transport", "web_sockets")) - before.Sum("signalr_server_active_connections", ("signalr_transport", "web_sockets")));

            await client.JoinAsync(session.Id);

            var joined = await nodes.ScrapeUntilAsync(nodes.NodeA, s => s.Sum("conflicto_hub_connections", host) > before.Sum("conflicto_hub_connections", host), "host connections");
            Assert.Equal(1, joined.Sum("conflicto_hub_connections", host) - before.Sum("conflicto_hub_connections", host));
            Assert.Equal(before.Sum("conflicto_hub_connections", unjoined), joined.Sum("conflicto_hub_connections", unjoined));
            Assert.Equal(1, joined.Sum("conflicto_sessions_live") - before.Sum("conflicto_sessions_live"));
        }

        var gone = await nodes.ScrapeUntilAsync(nodes.NodeA, s => s.Sum("conflicto_sessions_live") == before.Sum("conflicto_sessions_live"), "live sessions after leaving");
        Assert.Equal(before.Sum("conflicto_hub_connections", host), gone.Sum("conflicto_hub_connections", host));
    }

    [Fact]
    public async Task AnEventPushedToHubClients_CountsMessagesAndEnvelopesByKind_AndItsDeliveryTime()
    {
        var session = await _apiA.CreateSessionAsync("Pushed");
        await using var hostV2 = SessionHubClient.Create(null, nodes.NodeA.BaseUrl, session.AdminCode, HttpTransportType.WebSockets, version: 2);
        await using var viewerV1 = SessionHubClient.Create(null, nodes.NodeA.BaseUrl, null, HttpTransportType.WebSockets, version: 1);
        await Task.WhenAll(hostV2.StartAsync(), viewerV1.StartAsync());
        var from = (await hostV2.JoinAsync(session.Id)).GetProperty("snapshot").GetProperty("lastSeq").GetInt64();
        await viewerV1.JoinAsync(session.Id, joinCode: session.JoinCode);
        var before = await nodes.ScrapeFreshAsync(nodes.NodeA);

        await _apiA.JoinAsync(session, "Grace"); // participant.joined: one event for both
        await hostV2.WaitForSeqAsync(from + 1);
        await viewerV1.WaitForSeqAsync(from + 1);

        var after = await nodes.ScrapeUntilAsync(nodes.NodeA,
            s => s.Sum("conflicto_events_delivery_duration_seconds_count") > before.Sum("conflicto_events_delivery_duration_seconds_count")
                && s.Sum("conflicto_hub_messages_sent_total", ("kind", "Presence")) > before.Sum("conflicto_hub_messages_sent_total", ("kind", "Presence")),
            "delivery time and presence");
        double Moved(string name, string kind) => after.Sum(name, ("kind", kind)) - before.Sum(name, ("kind", kind));
        Assert.Equal(1, Moved("conflicto_events_delivered_total", "Events"));
        Assert.Equal(1, Moved("conflicto_events_delivered_total", "Event"));
        Assert.Equal(1, Moved("conflicto_hub_messages_sent_total", "Events"));
        Assert.Equal(1, Moved("conflicto_hub_messages_sent_total", "Event"));
        Assert.Equal(1, after.Sum("conflicto_events_appended_total", ("type", "participant.joined")) - before.Sum("conflicto_events_appended_total", ("type", "participant.joined")));
        // The join changed the head count: the presence coalescer pushed it to both followers.
        Assert.True(after.Sum("conflicto_coalescer_updates_total", ("coalescer", "presence")) > before.Sum("conflicto_coalescer_updates_total", ("coalescer", "presence")));
        Assert.True(Moved("conflicto_hub_messages_sent_total", "Presence") >= 2);
        // Commit to hand-over on one node: well under the 10 s of the largest bucket.
        Assert.True(after.Sum("conflicto_events_delivery_duration_seconds_bucket", ("le", "10")) > before.Sum("conflicto_events_delivery_duration_seconds_bucket", ("le", "10")));
    }

    [Fact]
    public async Task AnswersSubmitted_AreCountedByTheIngest_AndPushedAsResultsByTheCoalescer_AndTheActivityIsAnalysed()
    {
        var session = await _apiA.CreateSessionAsync("Answers");
        await using var viewer = SessionHubClient.Create(null, nodes.NodeA.BaseUrl, null, HttpTransportType.WebSockets);
        await viewer.StartAsync();
        await viewer.JoinAsync(session.Id, joinCode: session.JoinCode);
        var before = await nodes.ScrapeFreshAsync(nodes.NodeA);
        var analysedBefore = await AnalysesFinishedAsync();

        var poll = await _apiA.CreateActiveActivityAsync(session, "poll", Poll);
        for (var i = 0; i < 3; i++)
        {
            var person = await _apiA.JoinAsync(session, $"Voter {i}");
            await Api.ReadAsync(await _apiA.SubmitAsync(person, poll, new { option_index = i }), HttpStatusCode.Created);
        }

        var after = await nodes.ScrapeUntilAsync(nodes.NodeA,
            s => s.Sum("conflicto_hub_messages_sent_total", ("kind", "Results")) > before.Sum("conflicto_hub_messages_sent_total", ("kind", "Results")),
            "results pushed");
        // Whichever node claims the new activity's analysis first runs it: count both.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await AnalysesFinishedAsync() is var analysed && analysed.Jobs <= analysedBefore.Jobs)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("No analysis job finished on either node within 20 s.");
            await Task.Delay(100);
        }
        Assert.True((await AnalysesFinishedAsync()).Timed > analysedBefore.Timed, "the job's duration is recorded with it");
        Assert.Equal(3, after.Sum("conflicto_responses_ingested_total", ("outcome", "ok")) - before.Sum("conflicto_responses_ingested_total", ("outcome", "ok")));
        Assert.Equal(3, after.Sum("conflicto_responses_batch_size_sum") - before.Sum("conflicto_responses_batch_size_sum"));
        Assert.InRange(after.Sum("conflicto_responses_batch_size_count") - before.Sum("conflicto_responses_batch_size_count"), 1, 3);
        Assert.Equal(after.Sum("conflicto_responses_batch_size_count"), after.Sum("conflicto_responses_batch_duration_seconds_count"));
        Assert.True(after.Sum("conflicto_coalescer_updates_total", ("coalescer", "results")) > before.Sum("conflicto_coalescer_updates_total", ("coalescer", "results")));
        Assert.True(after.Sum("conflicto_coalescer_ticks_total", ("coalescer", "results")) > before.Sum("conflicto_coalescer_ticks_total", ("coalescer", "results")));
        Assert.Equal(0, after.Sum("conflicto_responses_ingest_queued"));
    }

    private async Task<(double Jobs, double Timed)> AnalysesFinishedAsync()
    {
        (string, string) analysis = ("kind", "activity_analysis");
        var (a, b) = (await nodes.ScrapeAsync(nodes.NodeA), await nodes.ScrapeAsync(nodes.NodeB));
        return (a.Sum("conflicto_processing_jobs_finished_total", analysis) + b.Sum("conflicto_processing_jobs_finished_total", analysis),
            a.Sum("conflicto_processing_job_duration_seconds_count", analysis) + b.Sum("conflicto_processing_job_duration_seconds_count", analysis));
    }

    [Fact]
    public async Task ACommitOnOneNode_IsPublishedOnTheBus_AndReceivedByTheOther()
    {
        var beforeA = await nodes.ScrapeFreshAsync(nodes.NodeA);
        var beforeB = await nodes.ScrapeFreshAsync(nodes.NodeB);

        await _apiA.CreateSessionAsync("Across nodes");

        var afterB = await nodes.ScrapeUntilAsync(nodes.NodeB,
            s => s.Sum("conflicto_backplane_messages_total", ("direction", "received")) > beforeB.Sum("conflicto_backplane_messages_total", ("direction", "received")),
            "messages received on B");
        var afterA = await nodes.ScrapeFreshAsync(nodes.NodeA); // past the cache that beforeA filled
        Assert.True(afterA.Sum("conflicto_backplane_messages_total", ("direction", "published")) > beforeA.Sum("conflicto_backplane_messages_total", ("direction", "published")));
        // B hears only A (its own messages coming back from Redis are not counted), so never more than A published.
        Assert.True(afterB.Sum("conflicto_backplane_messages_total", ("direction", "received")) <= afterA.Sum("conflicto_backplane_messages_total", ("direction", "published")));
    }

    [Fact]
    public async Task WhileRedisIsDown_CommitsAreNotPublished_AndTheOtherNodeCatchesUpFromTheLog()
    {
        var session = await _apiA.CreateSessionAsync("Outage");
        await using var viewerOnB = SessionHubClient.Create(null, nodes.NodeB.BaseUrl, null, HttpTransportType.WebSockets);
        await viewerOnB.StartAsync();
        var from = (await viewerOnB.JoinAsync(session.Id, joinCode: session.JoinCode)).GetProperty("snapshot").GetProperty("lastSeq").GetInt64();
        var beforeA = await nodes.ScrapeFreshAsync(nodes.NodeA);
        var beforeB = await nodes.ScrapeFreshAsync(nodes.NodeB);

        await nodes.Redis.StopAsync();
        try
        {
            // Node A notices the lost connection after a moment; commits until then are published into the void.
            (string, string) notConnected = ("reason", "not_connected");
            var commits = 0;
            var deadline = DateTime.UtcNow.AddSeconds(20);
            do
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException("Node A went on publishing for 20 s with Redis down.");
                await _apiA.JoinAsync(session, $"During outage {++commits}");
                await Task.Delay(100);
            }
            while ((await nodes.ScrapeAsync(nodes.NodeA)).Sum("conflicto_backplane_messages_dropped_total", notConnected) <= beforeA.Sum("conflicto_backplane_messages_dropped_total", notConnected));
            await viewerOnB.WaitForSeqAsync(from + commits, TimeSpan.FromSeconds(30));

            var afterB = await nodes.ScrapeUntilAsync(nodes.NodeB,
                s => s.Sum("conflicto_catchup_events_total") > beforeB.Sum("conflicto_catchup_events_total"), "events caught up on B");
            Assert.True(afterB.Sum("conflicto_catchup_runs_total", ("trigger", "behind")) + afterB.Sum("conflicto_catchup_runs_total", ("trigger", "gap"))
                > beforeB.Sum("conflicto_catchup_runs_total"));
            Assert.InRange(afterB.Sum("conflicto_catchup_events_total") - beforeB.Sum("conflicto_catchup_events_total"), 1, commits);
        }
        finally
        {
            await nodes.Redis.StartAsync();
        }
    }
}
