using System.Net;
using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;

namespace Conflicto.Tests.Integration.Metrics;

/// <summary>
/// <c>/metrics</c> answers in the Prometheus text format and exposes every series that
/// docs/operations.md lists, each with its declared type.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class MetricsSeriesTests(MetricsFixture nodes)
{
    /// <summary>Every series of docs/operations.md "Metrics" that this slice provides, as Prometheus names its family.</summary>
    public static readonly TheoryData<string, string> Series = new()
    {
        { "conflicto_hub_connections", "gauge" },
        { "conflicto_sessions_live", "gauge" },
        { "conflicto_events_appended_total", "counter" },
        { "conflicto_events_delivered_total", "counter" },
        { "conflicto_hub_messages_sent_total", "counter" },
        { "conflicto_events_delivery_duration_seconds", "histogram" },
        { "conflicto_coalescer_ticks_total", "counter" },
        { "conflicto_coalescer_updates_total", "counter" },
        { "conflicto_responses_ingested_total", "counter" },
        { "conflicto_responses_batch_size", "histogram" },
        { "conflicto_responses_batch_duration_seconds", "histogram" },
        { "conflicto_responses_ingest_queued", "gauge" },
        { "conflicto_processing_queue_depth", "gauge" },
        { "conflicto_processing_workers_busy", "gauge" },
        { "conflicto_processing_queue_dropped_total", "counter" },
        { "conflicto_processing_jobs_finished_total", "counter" },
        { "conflicto_processing_job_duration_seconds", "histogram" },
        { "conflicto_backplane_messages_total", "counter" },
        { "conflicto_backplane_messages_dropped_total", "counter" },
        { "conflicto_catchup_runs_total", "counter" },
        { "conflicto_catchup_events_total", "counter" },
        { "http_server_request_duration_seconds", "histogram" },
        { "signalr_server_active_connections", "gauge" },
        { "kestrel_active_connections", "gauge" },
        { "db_client_connection_count", "gauge" },
        { "db_client_connection_max", "gauge" },
        { "db_client_operation_duration_seconds", "histogram" },
        { "dotnet_gc_collections_total", "counter" },
        { "dotnet_thread_pool_queue_length_total", "counter" },
        { "dotnet_process_cpu_time_seconds_total", "counter" },
    };

    [Theory]
    [MemberData(nameof(Series))]
    public async Task Scrape_AfterAShortSession_ListsTheSeriesWithItsType(string family, string type)
    {
        await RunAShortSessionOnceAsync();

        var scrape = await ScrapeEitherNodeAsync(family);

        Assert.Equal(type, scrape.Types[family]);
    }

    /// <summary>
    /// The scrape of whichever node counted the family: both nodes share the database, so the
    /// poll's analysis job is run by whichever node's worker or sweeper claims it first.
    /// </summary>
    private async Task<PrometheusScrape> ScrapeEitherNodeAsync(string family)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            foreach (var node in new[] { nodes.NodeA, nodes.NodeB })
            {
                var scrape = await nodes.ScrapeAsync(node);
                if (scrape.Types.ContainsKey(family)) return scrape;
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{family} appeared on neither node within 30 s.");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Scrape_IsPrometheusText_WithTheNodeAsTarget_AndThePoolNamedConflicto()
    {
        using var response = await nodes.HttpA.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE target_info gauge", text);
        Assert.Contains("service_name=\"conflicto\"", text);
        var scrape = await nodes.ScrapeAsync(nodes.NodeA);
        Assert.True(scrape.Has("db_client_connection_max", ("db_client_connection_pool_name", "conflicto")), "the pool is labelled by its name, not its connection string");
        Assert.DoesNotContain("Host=", text);
    }

    private static readonly SemaphoreSlim Once = new(1, 1);
    private static bool _ran;

    /// <summary>
    /// Counters appear on first use: a session with a host on the hub, a poll and an answer makes
    /// every one of them count at least once (once per test run; the theory's cases share it).
    /// </summary>
    private async Task RunAShortSessionOnceAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (_ran) return;
            var api = new Api(nodes.HttpA);
            var session = await api.CreateSessionAsync("Series");
            await using var host = SessionHubClient.Create(null, nodes.NodeA.BaseUrl, session.AdminCode, HttpTransportType.WebSockets);
            await host.StartAsync();
            await host.JoinAsync(session.Id);
            var poll = await api.CreateActiveActivityAsync(session, "poll", new { question = "Colour?", options = new[] { "Red", "Blue" } });
            var person = await api.JoinAsync(session, "Ada");
            await Api.ReadAsync(await api.SubmitAsync(person, poll, new { option_index = 1 }), HttpStatusCode.Created);
            await host.WaitForSeqAsync(await LastSeqAsync(api, session.Id));
            _ran = true;
        }
        finally
        {
            Once.Release();
        }
    }

    private static async Task<long> LastSeqAsync(Api api, int sessionId) =>
        (await api.GetJsonAsync($"/api/v1/sessions/{sessionId}/status"))["last_seq"]!.GetValue<long>();
}
