using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Npgsql;

namespace Conflicto.Tests.Integration.Faults;

/// <summary>
/// The exact checks every fault test ends with: every acknowledged answer stored exactly once,
/// every client's stream complete and in order (across its resumes), every poller's log gap-free,
/// and the live results equal to the REST results on both nodes.
/// </summary>
public static class FaultChecks
{
    public static async Task AllAsync(FaultLoad load, FaultCluster cluster)
    {
        Assert.True(load.Unexpected.IsEmpty, "Unexpected answers:\n" + string.Join("\n", load.Unexpected.Take(20)));
        await StoredOnceAsync(load, cluster);
        var last = await load.LastSeqAsync();
        await StreamsCompleteAsync(load, last);
        foreach (var (seqs, from) in load.Pollers.Followed) Assert.Equal(Range(from + 1, last), seqs);
        Assert.True(load.Pollers.ResultsServed > 0, "no results poll was answered");
        await LiveResultsEqualRestAsync(load, cluster);
        load.Step("end checks passed");
    }

    /// <summary>Every answer was acknowledged in the end, and each acknowledged key is stored exactly once.</summary>
    private static async Task StoredOnceAsync(FaultLoad load, FaultCluster cluster)
    {
        await using var connection = new NpgsqlConnection(cluster.Database);
        var stored = (await connection.QueryAsync<(string? Key, long Count)>(
            "select idempotency_key, count(*) from user_responses where activity_id = @activity group by idempotency_key",
            new { activity = load.ActivityId })).ToList();
        Assert.Equal(load.Expected, load.Acks.Count);
        Assert.DoesNotContain(stored, s => s.Key is null);
        Assert.Equal(load.Acks.Keys.Order(StringComparer.Ordinal), stored.Select(s => s.Key!).Order(StringComparer.Ordinal));
        Assert.All(stored, s => Assert.Equal(1, s.Count));
        // A hub ack's seq is the response's event: the same for every ack of one answer.
        var seqs = load.Acks.Values.Where(a => a.Seq is not null).Select(a => a.Seq!.Value).ToList();
        Assert.Equal(seqs.Count, seqs.Distinct().Count());
    }

    /// <summary>Hosts hold the whole log since they joined; each phone an ordered stream without holes holding its own answers; every resume replayed its gap.</summary>
    private static async Task StreamsCompleteAsync(FaultLoad load, long last)
    {
        foreach (var host in load.Hosts)
        {
            await WaitUntilAsync(() => host.LastSeq >= last, $"a host to reach seq {last}");
            var from = load.JoinedAt[host];
            Assert.Equal(Range(from + 1, last), host.Events.Select(Seq).Where(s => s > from));
        }
        foreach (var (person, phone) in load.Phones)
        {
            var mine = load.Acks.Values.Where(a => a.Key.StartsWith($"{person.Id}-", StringComparison.Ordinal)).Select(a => a.Seq!.Value).ToHashSet();
            await WaitUntilAsync(() => mine.IsSubsetOf(phone.Events.Select(Seq)), $"participant {person.Id} to see its own answers");
            var events = phone.Events;
            for (var i = 1; i < events.Count; i++)
            {
                // In order, and no hole: prevSeq (the last event of this audience before it) is never above
                // what the client held. It may be below: a participant's stream skips what it does not get,
                // and own events a join answer covered are left out of the chain (AudienceChains.PrevSeq).
                Assert.True(Seq(events[i]) > Seq(events[i - 1]), $"participant {person.Id}: seq {Seq(events[i])} after {Seq(events[i - 1])}");
                Assert.True(events[i].GetProperty("prevSeq").GetInt64() <= Seq(events[i - 1]),
                    $"participant {person.Id}: a gap before seq {Seq(events[i])} (prevSeq {events[i].GetProperty("prevSeq")}, held {Seq(events[i - 1])})");
            }
        }
        Assert.All(load.Phones.SelectMany(p => p.Phone.Resumes).Concat(load.Hosts.SelectMany(h => h.Resumes)), r => Assert.True(r.Recovered));
    }

    /// <summary>The newest Results each host received equals GET /activities/{id}/results on each node.</summary>
    private static async Task LiveResultsEqualRestAsync(FaultLoad load, FaultCluster cluster)
    {
        foreach (var host in load.Hosts)
        {
            await WaitUntilAsync(() => host.ResultsOf(load.ActivityId)?.GetProperty("responseCount").GetInt32() == load.Expected, "the live results to count every answer");
            var live = JsonNode.Parse(host.ResultsOf(load.ActivityId)!.Value.GetProperty("results").GetRawText());
            for (var node = 0; node < 2; node++)
            {
                if (!cluster.IsUp(node)) continue;
                using var http = new HttpClient();
                var rest = JsonNode.Parse(await http.GetStringAsync($"{cluster.Url(node)}/api/v1/activities/{load.ActivityId}/results"))!["results"];
                Assert.True(JsonNode.DeepEquals(live, rest), $"live results differ from REST on node {node}:\nlive {live?.ToJsonString()}\nrest {rest?.ToJsonString()}");
            }
        }
    }

    public static async Task WaitUntilAsync(Func<bool> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(50);
        }
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, object? args = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return (await connection.ExecuteScalarAsync<T>(sql, args))!;
    }

    public static long Seq(JsonElement e) => e.GetProperty("seq").GetInt64();

    public static IEnumerable<long> Range(long first, long last) => Enumerable.Range(0, (int)Math.Max(0, last - first + 1)).Select(i => first + i);
}
