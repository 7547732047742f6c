using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conflicto.Tests.Integration.Realtime;

/// <summary>
/// Redis is a backplane, not a gate: with Redis stopped, clients connect, join and resume on both
/// nodes (before, each new connection was closed 5 s after its handshake), answers made on one node
/// reach the other by the database catch-up, and once Redis is back the event bus carries them
/// again. Each node logs the outage in exactly two lines.
/// </summary>
public sealed class RedisOutageTests(RedisOutageFixture nodes) : IClassFixture<RedisOutageFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RedisDown_NewAndResumedConnectionsAreServedOnBothNodes_AndEventsCrossNodesWhenItIsBack()
    {
        var apiA = nodes.ApiOn(nodes.NodeA);
        var session = await apiA.CreateSessionAsync("Redis outage");
        var alice = await apiA.JoinAsync(session, "Alice");
        var bob = await apiA.JoinAsync(session, "Bob");
        var words = await apiA.CreateActiveActivityAsync(session, "word_stream", new { prompt = "Words" });
        await using var alicePhone = Client(nodes.NodeB, alice.Token, messagePack: false);
        await alicePhone.StartAsync();
        await alicePhone.JoinAsync(session.Id);

        var marks = new[] { nodes.NodeA, nodes.NodeB }.ToDictionary(n => n, n => RedisOutageFixture.LogLines(n, RedisOutageFixture.AvailabilityContext).Count);
        await nodes.Redis.StopAsync();
        var closed = new ConcurrentBag<string>();
        SessionHubClient hostOnB, bobOnA, aliceBack;
        long hostFrom, resumeFrom, last;
        try
        {
            await Task.WhenAll(RedisOutageFixture.WaitForRedisAsync(nodes.NodeA, up: false), RedisOutageFixture.WaitForRedisAsync(nodes.NodeB, up: false));

            // Alice's phone drops, her answers go on through node A, and she comes back during the outage.
            resumeFrom = alicePhone.LastSeq;
            await alicePhone.DisposeAsync();
            for (var i = 0; i < 2; i++) await Api.ReadAsync(await apiA.SubmitAsync(alice, words, new { word = $"away{i}" }), HttpStatusCode.Created);

            // Brand-new connections on both nodes, both protocols, and the resumed one.
            hostOnB = Tracked(Client(nodes.NodeB, session.AdminCode, messagePack: true), "host on B", closed);
            bobOnA = Tracked(Client(nodes.NodeA, bob.Token, messagePack: false), "Bob on A", closed);
            aliceBack = Tracked(Client(nodes.NodeB, alice.Token, messagePack: true), "Alice back on B", closed);
            var handshakes = Stopwatch.StartNew();
            await Task.WhenAll(hostOnB.StartAsync(), bobOnA.StartAsync(), aliceBack.StartAsync());

            hostFrom = (await hostOnB.JoinAsync(session.Id)).GetProperty("snapshot").GetProperty("lastSeq").GetInt64();
            await bobOnA.JoinAsync(session.Id);
            var resumed = await aliceBack.JoinAsync(session.Id, afterSeq: resumeFrom);
            Assert.True(resumed.GetProperty("recovered").GetBoolean());

            // Bob answers over the hub on node A; the host on node B gets each answer from the database.
            for (var i = 0; i < 3; i++) await bobOnA.InvokeAsync("SubmitResponse", words, new { word = $"down{i}" }, $"bob-down-{i}");
            last = resumeFrom + 2 + 3;
            await hostOnB.WaitForSeqAsync(last, Wait);
            Assert.Equal(Range(hostFrom + 1, last), hostOnB.Events.Select(Seq));
            Assert.Equal(["away0", "away1"], aliceBack.Events.Where(e => Seq(e) <= resumeFrom + 2).Select(Word));
            Assert.Equal(Range(resumeFrom + 1, resumeFrom + 2), aliceBack.Events.Take(2).Select(Seq));

            // Still served well past the 5 s after which the backplane used to close them (a fixed wait: the point is that nothing happens).
            var rest = TimeSpan.FromSeconds(8.5) - handshakes.Elapsed;
            if (rest > TimeSpan.Zero) await Task.Delay(rest);
            Assert.Empty(closed);
            Assert.All(new[] { hostOnB, bobOnA, aliceBack }, c => Assert.Equal(HubConnectionState.Connected, c.Connection.State));
            await hostOnB.JoinAsync(session.Id, afterSeq: last); // and a call still completes
        }
        finally
        {
            await nodes.Redis.StartAsync();
        }
        await using var _1 = hostOnB;
        await using var _2 = bobOnA;
        await using var _3 = aliceBack;
        await Task.WhenAll(RedisOutageFixture.WaitForRedisAsync(nodes.NodeA, up: true), RedisOutageFixture.WaitForRedisAsync(nodes.NodeB, up: true));

        // The event bus carries node A's commits to node B again.
        var receivedBefore = await BusReceivedAsync(nodes.NodeB);
        for (var i = 0; i < 2; i++) await Api.ReadAsync(await apiA.SubmitAsync(alice, words, new { word = $"back{i}" }), HttpStatusCode.Created);
        await hostOnB.WaitForSeqAsync(last + 2, Wait);
        await Processing.ProcessingTesting.WaitUntilAsync(async () => await BusReceivedAsync(nodes.NodeB) >= receivedBefore + 2, "node B to receive node A's commits over Redis", Wait);
        Assert.Equal(Range(hostFrom + 1, last + 2), hostOnB.Events.Select(Seq));
        Assert.Empty(closed);

        // One line when Redis went and one when it came back, on each node.
        foreach (var node in new[] { nodes.NodeA, nodes.NodeB })
        {
            await Processing.ProcessingTesting.WaitUntilAsync(() => Task.FromResult(RedisOutageFixture.LogLines(node, RedisOutageFixture.AvailabilityContext).Count >= marks[node] + 2), "the node to log Redis back", Wait);
            var lines = RedisOutageFixture.LogLines(node, RedisOutageFixture.AvailabilityContext).Skip(marks[node]).ToList();
            Assert.Equal(["Warning", "Information"], lines.Select(l => l.Level));
            Assert.StartsWith("Redis unreachable: ", lines[0].Message);
            Assert.StartsWith("Redis back after ", lines[1].Message);
        }
    }

    [Fact]
    public async Task ANodeStartedWhileRedisIsDown_ServesItsClients_AndTakesPartOnceRedisIsBack()
    {
        var apiA = nodes.ApiOn(nodes.NodeA);
        var session = await apiA.CreateSessionAsync("Started during the outage");
        var alice = await apiA.JoinAsync(session, "Alice");
        var words = await apiA.CreateActiveActivityAsync(session, "word_stream", new { prompt = "Words" });

        await nodes.Redis.StopAsync();
        ServerProcess nodeC;
        SessionHubClient hostOnC;
        long from;
        var closed = new ConcurrentBag<string>();
        try
        {
            await RedisOutageFixture.WaitForRedisAsync(nodes.NodeA, up: false);
            nodeC = await nodes.StartNodeAsync(); // before, its event bus could not subscribe and the node stopped
            // Its first connect attempt waits up to the connect timeout (5 s): keep Redis down until the node has
            // seen the outage, or a quick test restarts Redis inside that window and the node never sees one.
            var started = nodeC;
            await Processing.ProcessingTesting.WaitUntilAsync(
                () => Task.FromResult(RedisOutageFixture.LogLines(started, RedisOutageFixture.AvailabilityContext).Count > 0),
                "node C to log that Redis is unreachable", Wait);
            hostOnC = Tracked(Client(nodeC, session.AdminCode, messagePack: false), "host on C", closed);
            await hostOnC.StartAsync();
            from = (await hostOnC.JoinAsync(session.Id)).GetProperty("snapshot").GetProperty("lastSeq").GetInt64();
            for (var i = 0; i < 2; i++) await Api.ReadAsync(await apiA.SubmitAsync(alice, words, new { word = $"down{i}" }), HttpStatusCode.Created);
            await hostOnC.WaitForSeqAsync(from + 2, Wait); // from the database
            Assert.False(nodeC.HasExited, nodeC.Output);
        }
        finally
        {
            await nodes.Redis.StartAsync();
        }
        await using var _1 = nodeC;
        await using var _2 = hostOnC;
        await RedisOutageFixture.WaitForRedisAsync(nodeC, up: true); // both of its Redis connections, event bus and backplane

        var receivedBefore = await BusReceivedAsync(nodeC);
        for (var i = 0; i < 2; i++) await Api.ReadAsync(await apiA.SubmitAsync(alice, words, new { word = $"back{i}" }), HttpStatusCode.Created);
        await hostOnC.WaitForSeqAsync(from + 4, Wait);
        await Processing.ProcessingTesting.WaitUntilAsync(async () => await BusReceivedAsync(nodeC) >= receivedBefore + 2, "node C to receive node A's commits over Redis", Wait);
        Assert.Equal(Range(from + 1, from + 4), hostOnC.Events.Select(Seq));
        Assert.Empty(closed);
        var lines = RedisOutageFixture.LogLines(nodeC, RedisOutageFixture.AvailabilityContext);
        Assert.True(lines.Select(l => l.Level).SequenceEqual(["Warning", "Information"]),
            "one line when Redis goes and one when it is back, but node C logged:\n" + string.Join("\n", lines.Select(l => $"{l.Level}: {l.Message}")));
        Assert.Contains("not connected at start-up", lines[0].Message);
    }

    private static SessionHubClient Client(ServerProcess node, string? token, bool messagePack) =>
        SessionHubClient.Create(null, node.BaseUrl, token, HttpTransportType.WebSockets, messagePack);

    private static SessionHubClient Tracked(SessionHubClient client, string name, ConcurrentBag<string> closed)
    {
        client.Connection.Closed += e =>
        {
            closed.Add($"{name}: {e?.Message ?? "closed"}");
            return Task.CompletedTask;
        };
        return client;
    }

    /// <summary>The node's <c>conflicto_backplane_messages_total{direction="received"}</c>.</summary>
    private static async Task<double> BusReceivedAsync(ServerProcess node)
    {
        using var http = new HttpClient { BaseAddress = new Uri(node.BaseUrl) };
        var scrape = await http.GetStringAsync("/metrics");
        var line = scrape.Split('\n').SingleOrDefault(l => l.StartsWith("conflicto_backplane_messages_total{", StringComparison.Ordinal) && l.Contains("direction=\"received\"", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }

    private static long Seq(System.Text.Json.JsonElement e) => e.GetProperty("seq").GetInt64();

    private static string? Word(System.Text.Json.JsonElement e) =>
        e.GetProperty("data").TryGetProperty("response_data", out var data) && data.TryGetProperty("word", out var word) ? word.GetString() : null;

    private static IEnumerable<long> Range(long first, long last) => Enumerable.Range(0, (int)(last - first + 1)).Select(i => first + i);
}
