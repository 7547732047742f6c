using Xunit.Abstractions;

namespace Conflicto.Tests.Integration.Faults;

/// <summary>
/// Fault 1 of #13: a node is killed (SIGKILL, no drain) under load; its hub clients resume on the
/// other node from their last seq, its REST clients move too, and nothing acknowledged is lost or doubled.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class NodeKillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task NodeKilled_ClientsResumeOnTheOtherNode_NothingLostOrDoubled()
    {
        await using var cluster = await FaultCluster.StartAsync();
        try
        {
            await using var load = new FaultLoad(cluster);
            await load.StartAsync();
            await load.WaitForAcksAsync(300);

            var faultAt = DateTime.UtcNow;
            await cluster.KillAsync(0);
            await load.FinishAsync();

            var report = FaultReport.Measure("Node killed (SIGKILL)", load, faultAt);
            report.Write(output);
            Assert.True(report.Dropped >= load.Phones.Count / 2, $"{report.Dropped} clients dropped: the killed node's clients should all have been");
            Assert.All(load.Phones.Select(p => p.Phone).Concat(load.Hosts), c => Assert.Equal(1, c.Node)); // all on the node left
            await FaultChecks.AllAsync(load, cluster);
        }
        catch
        {
            output.WriteLine(cluster.Output);
            throw;
        }
    }
}
