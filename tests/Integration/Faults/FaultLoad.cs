using System.Collections.Concurrent;
using System.Net;
using Conflicto.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.SignalR;

namespace Conflicto.Tests.Integration.Faults;

/// <summary>
/// The load that runs through a fault: participants on hub clients spread over both nodes, each
/// submitting answers (SubmitResponse with an idempotency key, retried with the same key until
/// acknowledged), a few participants submitting over REST with <c>Idempotency-Key</c>, two hosts
/// (one per node) following the whole stream and its live results, and legacy REST pollers
/// (<see cref="FaultPollers"/>). Everything a client sees that is not allowed (a 500, a 4xx, a
/// 503 without Retry-After) goes to <see cref="Unexpected"/>; <see cref="FaultChecks"/> checks the end state.
/// </summary>
public sealed class FaultLoad(FaultCluster cluster, int hubClients = 150, int restClients = 20, int answersEach = 6, int paceMs = 1_500) : IAsyncDisposable
{
    public const string Activity = "word_cloud";

    public sealed record Ack(string Key, int Participant, long? Seq, DateTime FirstTry, DateTime At, int Attempts);

    public Api Api { get; } = new(new HttpClient { BaseAddress = new Uri(cluster.Url(1)), Timeout = TimeSpan.FromSeconds(30) });
    public Api.Session Session { get; private set; } = null!;
    public Guid ActivityId { get; private set; }
    public List<(Api.Participant Person, FaultHubClient Phone)> Phones { get; } = [];
    public List<Api.Participant> RestPeople { get; } = [];
    public List<FaultHubClient> Hosts { get; } = [];
    public Dictionary<FaultHubClient, long> JoinedAt { get; } = [];
    public ConcurrentDictionary<string, Ack> Acks { get; } = new();
    public ConcurrentQueue<string> Unexpected { get; } = new();
    public FaultPollers Pollers { get; private set; } = null!;
    public int Hub503 => Volatile.Read(ref _hub503);
    public int Rest503 => Volatile.Read(ref _rest503);
    public int Expected => (hubClients + restClients) * answersEach;

    /// <summary>When each phase ended, from the start of the load (printed with the report).</summary>
    public List<string> Steps { get; } = [];
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    public void Step(string what) { lock (Steps) Steps.Add($"{_clock.Elapsed.TotalSeconds:0.0} s {what}"); }

    private int _hub503;
    private int _rest503;
    private readonly List<Task> _submitters = [];

    public async Task StartAsync()
    {
        Session = await Api.CreateSessionAsync("Faults", maxParticipants: hubClients + restClients + 10);
        ActivityId = await Api.CreateActiveActivityAsync(Session, Activity, new { prompt = "One word", max_words_per_participant = Math.Min(10, answersEach + 2) });
        var people = await InBatchesAsync(Enumerable.Range(0, hubClients + restClients), i => Api.JoinAsync(Session, $"P{i}"));
        RestPeople.AddRange(people.Skip(hubClients));
        Step($"{people.Count} participants joined over REST");
        for (var node = 0; node < 2; node++) Hosts.Add(new FaultHubClient(cluster, node, Session.AdminCode, Session.Id, trackResults: true));
        Phones.AddRange(people.Take(hubClients).Select((p, i) => (p, new FaultHubClient(cluster, i % 2, p.Token, Session.Id))));
        await InBatchesAsync(Hosts.Concat(Phones.Select(p => p.Phone)), async c => { await c.StartAsync(); return c; });
        foreach (var host in Hosts) JoinedAt[host] = host.LastSeq;
        Step($"{Hosts.Count + Phones.Count} hub clients connected and joined");
        Pollers = FaultPollers.Start(cluster, Session, ActivityId, Hosts.Min(h => h.LastSeq), Unexpected);
        foreach (var (person, phone) in Phones) _submitters.Add(Task.Run(() => SubmitOverHubAsync(person, phone)));
        foreach (var person in RestPeople) _submitters.Add(Task.Run(() => SubmitOverRestAsync(person)));
    }

    /// <summary>A host that connects now (during a fault), following the stream and the results from then on.</summary>
    public async Task<FaultHubClient> AddHostAsync(int node)
    {
        var host = new FaultHubClient(cluster, node, Session.AdminCode, Session.Id, trackResults: true);
        await host.StartAsync();
        lock (Hosts)
        {
            Hosts.Add(host);
            JoinedAt[host] = host.LastSeq;
        }
        return host;
    }

    /// <summary>Waits (bounded) until this many answers are acknowledged: the load is going.</summary>
    public async Task WaitForAcksAsync(int count)
    {
        await FaultChecks.WaitUntilAsync(() => Acks.Count >= count, $"{count} acknowledged answers");
        Step($"{count} answers acknowledged: fault");
    }

    /// <summary>Waits for every answer to be acknowledged (retried until it is), then for the hosts and pollers to catch up.</summary>
    public async Task FinishAsync()
    {
        await Task.WhenAll(_submitters).WaitAsync(TimeSpan.FromSeconds(120));
        Step("every answer acknowledged");
        await Pollers.StopAsync(await LastSeqAsync());
        Step("pollers caught up");
    }

    public Task<long> LastSeqAsync() => FaultChecks.ScalarAsync<long>(cluster.Database,
        "select coalesce(max(seq), 0) from session_events where session_id = @id", new { id = Session.Id });

    private static string Word(Api.Participant person, int i) => $"w{(person.Id + i) % 17}";

    private async Task SubmitOverHubAsync(Api.Participant person, FaultHubClient phone)
    {
        await Task.Delay(Random.Shared.Next(paceMs));
        for (var i = 0; i < answersEach; i++)
        {
            var (key, first, attempts) = ($"{person.Id}-{i}", DateTime.UtcNow, 0);
            while (!Acks.ContainsKey(key))
            {
                attempts++;
                try
                {
                    var client = await phone.ReadyAsync();
                    var ack = await client.InvokeAsync("SubmitResponse", ActivityId, new { word = Word(person, i) }, key).WaitAsync(TimeSpan.FromSeconds(30));
                    Acks[key] = new Ack(key, person.Id, ack.GetProperty("seq").GetInt64(), first, DateTime.UtcNow, attempts);
                }
                catch (HubException e) when (e.Message.Contains("503 Service Unavailable", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref _hub503); // not durable now: retry with the same key, as documented
                    await Task.Delay(500);
                }
                catch (HubException e)
                {
                    Unexpected.Enqueue($"SubmitResponse {key}: {e.Message}");
                    return;
                }
                catch (Exception e) when (e is not TimeoutException || attempts < 5)
                {
                    await Task.Delay(100); // the connection went away mid-call: the ack may be lost, not the answer
                }
            }
            await Task.Delay(paceMs);
        }
    }

    private async Task SubmitOverRestAsync(Api.Participant person)
    {
        await Task.Delay(Random.Shared.Next(paceMs));
        var node = person.Id % 2;
        Api[] apis = [.. Enumerable.Range(0, 2).Select(n => new Api(new HttpClient { BaseAddress = new Uri(cluster.Url(n)), Timeout = TimeSpan.FromSeconds(30) }))];
        for (var i = 0; i < answersEach; i++)
        {
            var (key, first, attempts) = ($"{person.Id}-{i}", DateTime.UtcNow, 0);
            while (!Acks.ContainsKey(key))
            {
                attempts++;
                node = cluster.NextUp(node);
                try
                {
                    using var response = await apis[node].SubmitAsync(person, ActivityId, new { word = Word(person, i) }, key);
                    if (response.IsSuccessStatusCode) Acks[key] = new Ack(key, person.Id, null, first, DateTime.UtcNow, attempts);
                    else if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter?.Delta is { } wait
                             && response.Content.Headers.ContentType?.MediaType == "application/problem+json")
                    {
                        Interlocked.Increment(ref _rest503);
                        await Task.Delay(wait);
                    }
                    else
                    {
                        Unexpected.Enqueue($"POST responses {key}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                        return;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    node = (node + 1) % 2; // the node is gone (or the call was cut): the next one that is up
                    await Task.Delay(100);
                }
            }
            await Task.Delay(paceMs);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in Hosts.Concat(Phones.Select(p => p.Phone))) await client.DisposeAsync();
    }

    private static async Task<List<T>> InBatchesAsync<TIn, T>(IEnumerable<TIn> items, Func<TIn, Task<T>> start, int parallel = 16)
    {
        var results = new List<T>();
        foreach (var chunk in items.Chunk(parallel)) results.AddRange(await Task.WhenAll(chunk.Select(start)));
        return results;
    }
}
