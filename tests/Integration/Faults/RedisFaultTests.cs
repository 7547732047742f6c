using Conflicto.Tests.Integration.Realtime;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace Conflicto.Tests.Integration.Faults;

/// <summary>
/// Faults 2 and 3 of #13, on a private redis-server: Redis down for 10 s under load, with clients
/// that connect and reconnect during the outage; and a node killed during a Redis outage, its
/// clients resuming on the other node before Redis is back. Redis is a backplane, not a gate.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class RedisFaultTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> LogRedis = new()
    {
        [$"Serilog:MinimumLevel:Override:{RedisOutageFixture.AvailabilityContext}"] = "Information",
    };

    [Fact]
    public async Task RedisDownFor10s_ClientsConnectAndReconnectMeanwhile_NothingLostOrDoubled()
    {
        await using var cluster = await FaultCluster.StartAsync(settings: LogRedis);
        try
        {
            await using var load = new FaultLoad(cluster);
            await load.StartAsync();
            await load.WaitForAcksAsync(300);

            var faultAt = DateTime.UtcNow;
            await cluster.Redis.StopAsync();
            List<FaultHubClient> newcomers, dropped;
            try
            {
                await Task.WhenAll(RedisOutageFixture.WaitForRedisAsync(cluster.Node(0), up: false), RedisOutageFixture.WaitForRedisAsync(cluster.Node(1), up: false));
                // New hosts on both nodes, and 20 phones whose connection drops and that resume on their node.
                newcomers = [.. await Task.WhenAll(Enumerable.Range(0, 4).Select(i => load.AddHostAsync(i % 2)))];
                dropped = [.. load.Phones.Take(20).Select(p => p.Phone)];
                await Task.WhenAll(dropped.Select(p => p.DropAsync()));
                await FaultChecks.WaitUntilAsync(() => dropped.All(p => p.Connected), "the dropped phones to resume during the outage", seconds: 20);
                // Still served after the 5 s at which the backplane used to close new connections.
                var rest = faultAt.AddSeconds(10) - DateTime.UtcNow;
                if (rest > TimeSpan.Zero) await Task.Delay(rest); // the outage itself
                Assert.All(newcomers.Concat(dropped), c => Assert.True(c.Connected && c.Resumes.Count <= 1, "a client connected during the outage was closed"));
                var state = await Task.WhenAll(newcomers.Concat(dropped).Select(c => c.ReadyAsync()));
                Assert.All(state, c => Assert.Equal(HubConnectionState.Connected, c.Connection.State));
            }
            finally
            {
                await cluster.Redis.StartAsync();
            }
            load.Step("Redis back");
            await load.FinishAsync();

            var report = FaultReport.Measure("Redis down for 10 s", load, faultAt);
            report.Write(output);
            Assert.True(cluster.IsUp(0) && cluster.IsUp(1));
            Assert.All(dropped, p => Assert.Single(p.Resumes));
            await FaultChecks.AllAsync(load, cluster);
        }
        catch
        {
            output.WriteLine(cluster.Output);
            throw;
        }
    }

    [Fact]
    public async Task NodeKilledDuringARedisOutage_ItsClientsResumeOnTheOtherNodeBeforeRedisIsBack()
    {
        await using var cluster = await FaultCluster.StartAsync(settings: LogRedis);
        try
        {
            await using var load = new FaultLoad(cluster);
            await load.StartAsync();
            await load.WaitForAcksAsync(300);

            await cluster.Redis.StopAsync();
            DateTime faultAt;
            try
            {
                await RedisOutageFixture.WaitForRedisAsync(cluster.Node(1), up: false);
                faultAt = DateTime.UtcNow;
                await cluster.KillAsync(0);
                var clients = load.Phones.Select(p => p.Phone).Concat(load.Hosts).ToList();
                await FaultChecks.WaitUntilAsync(() => clients.All(c => c.Connected && c.Node == 1), "every client to resume on node 1 with Redis down", seconds: 45);
                load.Step("every client resumed on node 1, Redis still down");
                var rest = faultAt.AddSeconds(8) - DateTime.UtcNow;
                if (rest > TimeSpan.Zero) await Task.Delay(rest); // the outage goes on: resumed clients stay served
                Assert.All(clients, c => Assert.True(c.Connected, "a resumed client was closed during the outage"));
            }
            finally
            {
                await cluster.Redis.StartAsync();
            }
            load.Step("Redis back");
            await load.FinishAsync();

            var report = FaultReport.Measure("Node killed during a Redis outage", load, faultAt);
            report.Write(output);
            Assert.True(report.Dropped >= load.Phones.Count / 2, $"{report.Dropped} clients dropped: the killed node's clients should all have been");
            await FaultChecks.AllAsync(load, cluster);
        }
        catch
        {
            output.WriteLine(cluster.Output);
            throw;
        }
    }
}
