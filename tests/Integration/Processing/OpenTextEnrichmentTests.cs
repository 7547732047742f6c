using System.Text.Json;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Activities;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Realtime;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conflicto.Tests.Integration.Processing;

/// <summary>Open-text answers are enriched like Q&amp;A questions: the host reads each answer's enrichment, and the results count sentiment and topics live.</summary>
public sealed class OpenTextEnrichmentTests(ProcessingFactory factory) : IClassFixture<ProcessingFactory>
{
    private readonly Api _api = factory.Api();

    [Fact]
    public async Task OpenTextAnswer_IsEnriched_TheHostReadsItsEnrichment_ResultsCountItsSentiment()
    {
        var session = await _api.CreateSessionAsync();
        var ada = await _api.JoinAsync(session, "Ada");
        var id = await _api.CreateActiveActivityAsync(session, "open_text", new { question = "How was the workshop?" });
        await using var viewer = factory.HubClient(null);
        var pushes = new List<JsonElement>();
        viewer.Connection.On<JsonElement>("Results", r => { lock (pushes) pushes.Add(r); });
        await viewer.StartAsync();
        await viewer.JoinAsync(session.Id, joinCode: session.JoinCode);

        await _api.SubmitOkAsync(ada, id, new { text = "Great workshop, I loved the exercises" });

        var url = $"/api/v1/sessions/{session.Id}/activities/{id}/responses";
        JsonNode? enrichment = null;
        await ProcessingTesting.WaitUntilAsync(async () =>
            (enrichment = (await _api.GetJsonAsync(url, adminCode: session.AdminCode))["responses"]![0]!["enrichment"]) is not null, "the answer's enrichment");
        Assert.Equal("positive", enrichment!["sentiment"]!.GetValue<string>());
        Assert.Null((await _api.GetJsonAsync(url, token: ada.Token))["responses"]![0]!["enrichment"]);

        // The coalescer rebuilds the results when the enrichment lands: the push counts it.
        await ProcessingTesting.WaitUntilAsync(() =>
        {
            lock (pushes) return Task.FromResult(pushes.Any(p => p.GetProperty("results").GetProperty("sentiment").GetProperty("positive").GetInt32() == 1));
        }, "a Results push counting the positive answer");
        Assert.Equal(1, (await _api.ResultsAsync(id))["results"]!["sentiment"]!["positive"]!.GetValue<int>());
    }
}
