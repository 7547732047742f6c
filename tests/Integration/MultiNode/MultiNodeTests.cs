using System.Net;
using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;

namespace Conflicto.Tests.Integration.MultiNode;

[Collection(MultiNodeCollection.Name)]
public sealed class MultiNodeTests(MultiNodeFixture nodes)
{
    private static SessionHubClient Client(ServerProcess node, string? token) =>
        SessionHubClient.Create(null, node.BaseUrl, token, HttpTransportType.WebSockets);

    [Fact]
    public async Task ChangesMadeOnNodeB_ReachAClientOnNodeA_InSeqOrder()
    {
        var apiB = nodes.ApiOn(nodes.NodeB);
        var session = await apiB.CreateSessionAsync("Two nodes");
        await using var host = Client(nodes.NodeA, session.AdminCode);
        await host.StartAsync();
        var from = (await host.JoinAsync(session.Id)).GetProperty("snapshot").GetProperty("lastSeq").GetInt64();

        var cloud = await apiB.CreateActiveActivityAsync(session, "word_cloud", new { prompt = "One word", max_words_per_participant = 1 });
        var people = new List<Api.Participant>();
        for (var i = 0; i < 10; i++) people.Add(await apiB.JoinAsync(session, $"Node B {i}"));
        foreach (var person in people) await Api.ReadAsync(await apiB.SubmitAsync(person, cloud, new { word = "blue" }), HttpStatusCode.Created);
        var last = from + 3 + 10 + 10;

        await host.WaitForSeqAsync(last, TimeSpan.FromSeconds(30));
        Assert.Equal(Range(from + 1, last), host.Events.Select(Seq));
    }

    [Fact]
    public async Task AClientMovingFromNodeAToNodeB_ResumesWithoutLossOrDuplicates()
    {
        var apiA = nodes.ApiOn(nodes.NodeA);
        var apiB = nodes.ApiOn(nodes.NodeB);
        var session = await apiA.CreateSessionAsync("Moving client");
        var alice = await apiA.JoinAsync(session, "Alice");
        var cloud = await apiA.CreateActiveActivityAsync(session, "word_stream", new { prompt = "Words" });

        var onA = Client(nodes.NodeA, alice.Token);
        await onA.StartAsync();
        var from = (await onA.JoinAsync(session.Id)).GetProperty("snapshot").GetProperty("lastSeq").GetInt64();
        for (var i = 0; i < 5; i++) await Api.ReadAsync(await apiA.SubmitAsync(alice, cloud, new { word = $"a{i}" }), HttpStatusCode.Created);
        await onA.WaitForSeqAsync(from + 5);
        var seenOnA = onA.Events.Select(Seq).ToList();
        var resumeFrom = onA.LastSeq;
        await onA.DisposeAsync(); // the phone loses its connection…

        for (var i = 0; i < 20; i++) await Api.ReadAsync(await (i % 2 == 0 ? apiA : apiB).SubmitAsync(alice, cloud, new { word = $"b{i}" }), HttpStatusCode.Created);

        await using var onB = Client(nodes.NodeB, alice.Token); // …and comes back through the other node
        await onB.StartAsync();
        var join = await onB.JoinAsync(session.Id, afterSeq: resumeFrom);
        Assert.True(join.GetProperty("recovered").GetBoolean());
        for (var i = 0; i < 5; i++) await Api.ReadAsync(await apiA.SubmitAsync(alice, cloud, new { word = $"c{i}" }), HttpStatusCode.Created);
        var last = resumeFrom + 25;
        await onB.WaitForSeqAsync(last, TimeSpan.FromSeconds(30));

        Assert.Equal(Range(from + 1, resumeFrom), seenOnA);
        Assert.Equal(Range(resumeFrom + 1, last), onB.Events.Select(Seq));
    }

    [Fact]
    public async Task RedisStoppedAndRestarted_ClientsOnBothNodesLoseNoEvent()
    {
        var apiA = nodes.ApiOn(nodes.NodeA);
        var apiB = nodes.ApiOn(nodes.NodeB);
        var session = await apiA.CreateSessionAsync("Redis outage");
        await using var hostOnA = Client(nodes.NodeA, session.AdminCode);
        await using var viewerOnB = Client(nodes.NodeB, null);
        await Task.WhenAll(hostOnA.StartAsync(), viewerOnB.StartAsync());
        var from = (await hostOnA.JoinAsync(session.Id)).GetProperty("snapshot").GetProperty("lastSeq").GetInt64();
        await viewerOnB.JoinAsync(session.Id, afterSeq: from, joinCode: session.JoinCode);

        await nodes.Redis.StopAsync();
        try
        {
            for (var i = 0; i < 10; i++) await apiB.JoinAsync(session, $"During outage {i}");
            for (var i = 0; i < 10; i++) await apiA.JoinAsync(session, $"Also during outage {i}");
            await hostOnA.WaitForSeqAsync(from + 20, TimeSpan.FromSeconds(30));
            await viewerOnB.WaitForSeqAsync(from + 20, TimeSpan.FromSeconds(30));
        }
        finally
        {
            await nodes.Redis.StartAsync();
        }

        for (var i = 0; i < 10; i++) await (i % 2 == 0 ? apiA : apiB).JoinAsync(session, $"After outage {i}");
        var last = from + 30;
        await hostOnA.WaitForSeqAsync(last, TimeSpan.FromSeconds(30));
        await viewerOnB.WaitForSeqAsync(last, TimeSpan.FromSeconds(30));
        Assert.Equal(Range(from + 1, last), hostOnA.Events.Select(Seq));
        Assert.Equal(Range(from + 1, last), viewerOnB.Events.Select(Seq));
    }

    [Theory]
    [InlineData(HttpTransportType.ServerSentEvents)]
    [InlineData(HttpTransportType.LongPolling)]
    public async Task FallbackTransports_DeliverTheSameOrderedEvents(HttpTransportType transport)
    {
        var api = nodes.ApiOn(nodes.NodeA);
        var session = await api.CreateSessionAsync($"Over {transport}");
        await using var viewer = SessionHubClient.Create(null, nodes.NodeB.BaseUrl, null, transport);
        await viewer.StartAsync();
        var from = (await viewer.JoinAsync(session.Id, joinCode: session.JoinCode)).GetProperty("snapshot").GetProperty("lastSeq").GetInt64();
        for (var i = 0; i < 5; i++) await api.JoinAsync(session, $"Person {i}");
        await viewer.WaitForSeqAsync(from + 5, TimeSpan.FromSeconds(30));
        Assert.Equal(Range(from + 1, from + 5), viewer.Events.Select(Seq));
        Assert.All(viewer.Events, e => Assert.Equal("participant.joined", e.GetProperty("type").GetString()));
    }

    private static long Seq(System.Text.Json.JsonElement e) => e.GetProperty("seq").GetInt64();

    private static IEnumerable<long> Range(long first, long last) => Enumerable.Range(0, (int)(last - first + 1)).Select(i => first + i);
}
