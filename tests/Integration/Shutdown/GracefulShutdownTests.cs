using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Processing;
using Conflicto.Tests.Integration.Realtime;
using Dapper;
using Microsoft.AspNetCore.SignalR;
using Npgsql;
using Xunit.Abstractions;

namespace Conflicto.Tests.Integration.Shutdown;

/// <summary>
/// SIGTERM to one of two real nodes in the middle of a session: its hub clients are told to
/// reconnect and resume on the other node, REST pollers move too, nothing acknowledged is lost or
/// doubled, no job stays claimed by the stopped node, and it exits cleanly.
/// </summary>
public sealed class GracefulShutdownTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Participants = 5;
    private const int AnswersEach = 12;
    private static readonly Dictionary<string, string> Common = new()
    {
        ["Realtime:CatchUpIntervalMs"] = "300",
        ["Realtime:GapFillDelayMs"] = "100",
        ["RateLimits:Enabled"] = "false",
    };

    private readonly RedisProcess _redis = new();
    private string _database = "";
    private ServerProcess _a = null!;
    private ServerProcess _b = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("conflicto_drain");
        await _redis.StartAsync();
        _a = await ServerProcess.StartAsync(_database, _redis.ConnectionString, new Dictionary<string, string>(Common)
        {
            ["Shutdown:DrainSeconds"] = "10",
            ["Serilog:MinimumLevel:Override:Conflicto.Server.Shutdown"] = "Information",
            ["Serilog:MinimumLevel:Override:Conflicto.Processing.Pipeline.ProcessingWorkers"] = "Information",
        });
        _b = await ServerProcess.StartAsync(_database, _redis.ConnectionString, Common);
    }

    public async Task DisposeAsync()
    {
        output.WriteLine($"Node A:\n{_a.Output}");
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _redis.DisposeAsync();
        await TestDatabase.DropAsync(_database);
    }

    [Fact]
    public async Task NodeStoppedMidSession_ClientsResumeOnTheOtherNode_NothingLostNoJobStuck()
    {
        var apiA = new Api(new HttpClient { BaseAddress = new Uri(_a.BaseUrl) });
        var apiB = new Api(new HttpClient { BaseAddress = new Uri(_b.BaseUrl) });
        string[] nodes = [_a.BaseUrl, _b.BaseUrl];
        var session = await apiB.CreateSessionAsync("Drain");
        var people = new List<Api.Participant>();
        for (var i = 0; i < Participants; i++) people.Add(await apiB.JoinAsync(session, $"Person {i}"));
        var stream = await apiB.CreateActiveActivityAsync(session, "word_stream", new { prompt = "Words" });

        await using var host = new MovingHubClient(nodes, session.AdminCode, session.Id);
        await host.StartAsync();
        var from = host.LastSeq;
        var phones = people.Select(p => new MovingHubClient(nodes, p.Token, session.Id)).ToList();
        await Task.WhenAll(phones.Select(p => p.StartAsync()));
        using var polling = new CancellationTokenSource();
        var poller = PollAsync(nodes, session, from, polling.Token);

        var acks = new ConcurrentDictionary<string, long>(); // idempotency key → seq of the stored response
        var answering = people.Select((p, i) => Task.Run(() => AnswerAsync(phones[i], p, stream, acks))).ToList();
        await ProcessingTesting.WaitUntilAsync(() => Task.FromResult(acks.Count >= Participants * 3), "answers before the stop");
        // Jobs for node A to be holding when it stops.
        for (var i = 0; i < 3; i++) await apiA.CreateActivityAsync(session, "poll", new { question = $"Later {i}?", options = new[] { "A", "B" } });

        Assert.True(await _a.TerminateAsync(TimeSpan.FromSeconds(60)), $"Node A did not exit after SIGTERM:\n{_a.Output}");
        var stuck = await ProcessingTesting.ScalarAsync<long>(_database,
            "select count(*) from processing_jobs where status = 'processing' and claimed_by like @node", new { node = $"%/{_a.Pid}/%" });

        await Task.WhenAll(answering).WaitAsync(TimeSpan.FromSeconds(60));
        var last = await apiB.LastSeqAsync(session.Id);
        await WaitForAsync(() => host.LastSeq >= last, "the host to catch up on node B");
        polling.CancelAfter(TimeSpan.FromSeconds(30));
        var polled = await poller.WaitAsync(TimeSpan.FromSeconds(45));

        Assert.Equal(0, _a.ExitCode);
        Assert.Equal(0, stuck);
        Assert.Contains($"Draining: {Participants + 1} connections told to reconnect", _a.Output);
        Assert.Contains("Released", _a.Output);
        Assert.Contains("Stopped after", _a.Output);
        Assert.All(phones.Append(host), c => Assert.Equal((1, 1), (c.ReconnectNotices, c.Node)));

        // Every acknowledged response stored exactly once (and every answer was acknowledged in the end).
        var stored = (await QueryAsync<(string Key, long Count)>(
            "select idempotency_key, count(*) from user_responses where activity_id = @stream group by idempotency_key", new { stream }))
            .ToDictionary(r => r.Key, r => r.Count);
        Assert.Equal(Participants * AnswersEach, acks.Count);
        Assert.Equal(acks.Keys.Order(), stored.Keys.Order());
        Assert.All(stored.Values, count => Assert.Equal(1, count));

        // Streams complete and in order across the move: the host's and the poller's are the whole log.
        Assert.Equal(Range(from + 1, last), host.Events.Select(Seq).Where(seq => seq > from)); // the first join answer may repeat its last event
        Assert.Equal(Range(from + 1, last), polled);
        foreach (var (phone, person) in phones.Zip(people))
        {
            AssertChained(phone.Events);
            var mine = acks.Where(a => a.Key.StartsWith($"{person.Id}-", StringComparison.Ordinal)).Select(a => a.Value);
            Assert.Subset(phone.Events.Select(Seq).ToHashSet(), mine.ToHashSet());
        }

        // The jobs node A held or left queued are done by node B.
        await ProcessingTesting.WaitUntilAsync(async () => await ProcessingTesting.ScalarAsync<long>(_database,
            "select count(*) from processing_jobs where status not in ('completed', 'skipped')") == 0, "node B to finish every job");
        foreach (var phone in phones) await phone.DisposeAsync();
    }

    /// <summary>Submits this participant's answers one by one; a call lost to the move is sent again with the same key.</summary>
    private static async Task AnswerAsync(MovingHubClient phone, Api.Participant person, Guid stream, ConcurrentDictionary<string, long> acks)
    {
        for (var i = 0; i < AnswersEach; i++)
        {
            var key = $"{person.Id}-{i}";
            while (!acks.ContainsKey(key))
            {
                var client = await phone.ReadyAsync();
                try
                {
                    var ack = await client.InvokeAsync("SubmitResponse", stream, new { word = $"w{person.Id}x{i}" }, key);
                    acks[key] = ack.GetProperty("seq").GetInt64();
                }
                catch (Exception ex) when (ex is not HubException)
                {
                    await Task.Delay(50); // the connection went away mid-call: the ack may be lost, not the response
                }
            }
            await Task.Delay(100);
        }
    }

    /// <summary>A legacy-style REST poller following the log as the host; it moves to the next node when one refuses or is gone.</summary>
    private static async Task<List<long>> PollAsync(string[] nodes, Api.Session session, long after, CancellationToken stop)
    {
        var seqs = new List<long>();
        var node = 0;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Add("X-Admin-Code", session.AdminCode);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await http.GetAsync($"{nodes[node]}/api/v1/sessions/{session.Id}/events?after={after}&wait=1", stop);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                    Assert.NotNull(response.Headers.RetryAfter);
                    node = Math.Min(node + 1, nodes.Length - 1);
                    continue;
                }
                var page = await response.Content.ReadFromJsonAsync<JsonElement>(stop);
                foreach (var e in page.GetProperty("events").EnumerateArray()) seqs.Add(Seq(e));
                after = Math.Max(seqs.LastOrDefault(after), page.GetProperty("last_seq").GetInt64());
            }
            catch (HttpRequestException)
            {
                node = Math.Min(node + 1, nodes.Length - 1); // the node is gone
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
        }
        return seqs;
    }

    /// <summary>The v2 chain: each event's prevSeq is the seq of the event before it in this receiver's stream.</summary>
    private static void AssertChained(IReadOnlyList<JsonElement> events)
    {
        for (var i = 1; i < events.Count; i++)
            Assert.Equal(Seq(events[i - 1]), events[i].GetProperty("prevSeq").GetInt64());
    }

    private async Task<IEnumerable<T>> QueryAsync<T>(string sql, object args)
    {
        await using var connection = new NpgsqlConnection(_database);
        return await connection.QueryAsync<T>(sql, args);
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        await ProcessingTesting.WaitUntilAsync(() => Task.FromResult(condition()), what);
    }

    private static long Seq(JsonElement e) => e.GetProperty("seq").GetInt64();

    private static IEnumerable<long> Range(long first, long last) => Enumerable.Range(0, (int)(last - first + 1)).Select(i => first + i);
}
