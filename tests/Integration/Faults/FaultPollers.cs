using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Faults;

/// <summary>
/// Legacy REST clients during a fault: long-pollers following the session's event log as the host
/// (<c>GET /sessions/{id}/events?after=…&amp;wait=1</c>), one starting on each node, and results
/// pollers asking <c>GET /activities/{id}/results</c> every second as the first Conflicto's
/// clients do. A poller whose node is gone moves to the other. Every answer must be 200 (304)
/// or a 503 problem with Retry-After; anything else is unexpected.
/// </summary>
public sealed class FaultPollers
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(Task<List<long>> Task, long From)> _followers = [];
    private readonly List<Task> _results = [];
    private long[] _after = [];
    private int _served;
    private int _refused;

    /// <summary>Results polls answered 200, and 503s (with Retry-After) seen by every poller.</summary>
    public int ResultsServed => Volatile.Read(ref _served);
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>What each log follower received (seqs in order), with the seq it started after.</summary>
    public List<(List<long> Seqs, long From)> Followed { get; } = [];

    public static FaultPollers Start(FaultCluster cluster, Api.Session session, Guid activityId, long from, ConcurrentQueue<string> unexpected, int resultsPollers = 4)
    {
        var pollers = new FaultPollers { _after = [from, from] };
        for (var i = 0; i < 2; i++)
        {
            var index = i;
            pollers._followers.Add((Task.Run(() => pollers.FollowAsync(cluster, session, index, unexpected)), from));
        }
        for (var i = 0; i < resultsPollers; i++)
        {
            var node = i % 2;
            pollers._results.Add(Task.Run(() => pollers.PollResultsAsync(cluster, activityId, node, unexpected)));
        }
        return pollers;
    }

    /// <summary>Waits (bounded) until every follower has the log through <paramref name="lastSeq"/>, then stops them all.</summary>
    public async Task StopAsync(long lastSeq)
    {
        await FaultChecks.WaitUntilAsync(() => Enumerable.Range(0, _after.Length).All(i => Volatile.Read(ref _after[i]) >= lastSeq), $"the pollers to reach seq {lastSeq}");
        await _stop.CancelAsync();
        foreach (var (task, from) in _followers) Followed.Add((await task.WaitAsync(TimeSpan.FromSeconds(30)), from));
        await Task.WhenAll(_results).WaitAsync(TimeSpan.FromSeconds(30));
    }

    private async Task<List<long>> FollowAsync(FaultCluster cluster, Api.Session session, int index, ConcurrentQueue<string> unexpected)
    {
        var (seqs, node) = (new List<long>(), index);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Add("X-Admin-Code", session.AdminCode);
        while (!_stop.IsCancellationRequested)
        {
            node = cluster.NextUp(node);
            try
            {
                var after = Volatile.Read(ref _after[index]);
                using var response = await http.GetAsync($"{cluster.Url(node)}/api/v1/sessions/{session.Id}/events?after={after}&wait=1", _stop.Token);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    await RefusedAsync(response, "events", unexpected);
                    continue;
                }
                var page = await response.Content.ReadFromJsonAsync<JsonElement>(_stop.Token);
                foreach (var e in page.GetProperty("events").EnumerateArray()) seqs.Add(e.GetProperty("seq").GetInt64());
                Volatile.Write(ref _after[index], Math.Max(seqs.LastOrDefault(after), page.GetProperty("last_seq").GetInt64()));
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                node = (node + 1) % 2; // the node is gone, or the call was cut
                await Task.Delay(100);
            }
        }
        return seqs;
    }

    private async Task PollResultsAsync(FaultCluster cluster, Guid activityId, int node, ConcurrentQueue<string> unexpected)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        while (!_stop.IsCancellationRequested)
        {
            node = cluster.NextUp(node);
            try
            {
                using var response = await http.GetAsync($"{cluster.Url(node)}/api/v1/activities/{activityId}/results", _stop.Token);
                if (response.StatusCode == HttpStatusCode.OK) Interlocked.Increment(ref _served);
                else await RefusedAsync(response, "results", unexpected);
                await Task.Delay(1_000, _stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                node = (node + 1) % 2;
                await Task.Delay(100);
            }
        }
    }

    /// <summary>A 503 problem with Retry-After is what an outage may answer (waited out); anything else is unexpected.</summary>
    private async Task RefusedAsync(HttpResponseMessage response, string what, ConcurrentQueue<string> unexpected)
    {
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter?.Delta is { } wait
            && response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            Interlocked.Increment(ref _refused);
            await Task.Delay(wait, _stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }
        unexpected.Enqueue($"GET {what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        await Task.Delay(1_000);
    }
}
