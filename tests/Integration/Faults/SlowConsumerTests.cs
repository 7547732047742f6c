using System.Globalization;
using Xunit.Abstractions;

namespace Conflicto.Tests.Integration.Faults;

/// <summary>
/// Fault 5 of #13: a host's client stops reading its socket (and keeps pinging, so the client
/// timeout does not save the server) while the load goes on. Fan-out to everyone else does not
/// stall (the end checks hold, the other host on its node included), the stalled client is closed
/// with one Warning naming the reason, and the node's memory stays bounded meanwhile.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class SlowConsumerTests(ITestOutputHelper output)
{
    private const int MaxQueued = 100;
    private const long MemoryBoundBytes = 300L * 1024 * 1024;

    [Fact]
    public async Task ClientThatStopsReading_IsClosedWithAReason_OthersAreServed_MemoryBounded()
    {
        // A lower bound than the default (500), so that the stalled client is closed within the test's load.
        await using var cluster = await FaultCluster.StartAsync(settings: new Dictionary<string, string> { ["Realtime:MaxQueuedMessages"] = $"{MaxQueued}" });
        try
        {
            await using var load = new FaultLoad(cluster, hubClients: 150, answersEach: 10, paceMs: 1_500);
            await load.StartAsync();
            await load.WaitForAcksAsync(150);
            var node = cluster.Node(0);
            var before = Rss(node.Pid);
            long peak = before;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    peak = Math.Max(peak, Rss(node.Pid));
                    await Task.Delay(200);
                }
            });

            // Bulky answers, so that the stalled client's socket and buffers (a few MB on loopback) fill within the test.
            using var feeding = new CancellationTokenSource();
            var feeder = await BulkFeeder.StartAsync(load, feeding.Token);

            var faultAt = DateTime.UtcNow;
            await using var stalled = await StalledHubSocket.JoinAsync(node.BaseUrl, load.Session.AdminCode, load.Session.Id);
            await FaultChecks.WaitUntilAsync(() => stalled.ClosedAt is not null, "the stalled client to be closed", seconds: 90);
            var closedAfter = (stalled.ClosedAt!.Value - faultAt).TotalSeconds;
            await feeding.CancelAsync();
            var fed = await feeder;
            await load.FinishAsync();
            await sampling.CancelAsync();
            await sampler;

            var report = FaultReport.Measure($"Slow consumer (closed after {closedAfter.ToString("0.00", CultureInfo.InvariantCulture)} s)", load, faultAt);
            report.Write(output);
            output.WriteLine($"Node memory (RSS): {before / 1048576} MB before the stalled client, peak {peak / 1048576} MB");
            Assert.Contains("it stopped reading", node.Output);
            Assert.Single(node.Output.Split('\n'), line => line.Contains("it stopped reading", StringComparison.Ordinal));
            Assert.True(peak - before < MemoryBoundBytes, $"node memory grew by {(peak - before) / 1048576} MB");
            Assert.Equal(0, report.Dropped); // nobody else lost a connection
            await FaultChecks.AllAsync(load, cluster);
            Assert.Equal(fed.Count, await FaultChecks.ScalarAsync<long>(cluster.Database,
                "select count(distinct idempotency_key) from user_responses where activity_id = @activity", new { activity = fed.ActivityId }));
        }
        catch
        {
            output.WriteLine(cluster.Output);
            throw;
        }
    }

    /// <summary>The resident set of a process, from /proc.</summary>
    private static long Rss(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}
