using Xunit.Abstractions;

namespace Conflicto.Tests.Integration.Faults;

/// <summary>
/// Fault 4 of #13, on a private Postgres cluster (the shared test Postgres is never stopped):
/// Postgres restarted, and Postgres stopped for 10 s, under load on two nodes. Calls that need the
/// database meanwhile get a 503 with Retry-After (REST, problem+json) or a "503 Service
/// Unavailable" HubException (SubmitResponse: nothing is acknowledged that is not durable); the
/// clients retry with the same key until acknowledged, and nothing is lost or doubled.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class PostgresFaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task PostgresRestarted_CallsInFlightGet503_RetriesWithTheSameKeyAreStoredOnce()
    {
        await RunAsync("Postgres restarted", async cluster =>
        {
            await cluster.Postgres!.StopServerAsync();
            await cluster.Postgres.StartServerAsync();
        }, expectRefusals: false);
    }

    [Fact]
    public async Task PostgresStoppedFor10s_CallsGet503WithRetryAfter_RetriesWithTheSameKeyAreStoredOnce()
    {
        await RunAsync("Postgres stopped for 10 s", async cluster =>
        {
            await cluster.Postgres!.StopServerAsync();
            await Task.Delay(TimeSpan.FromSeconds(10)); // the outage itself, not a wait for a condition
            await cluster.Postgres.StartServerAsync();
        }, expectRefusals: true);
    }

    private async Task RunAsync(string fault, Func<FaultCluster, Task> inject, bool expectRefusals)
    {
        await using var cluster = await FaultCluster.StartAsync(privatePostgres: true);
        try
        {
            await using var load = new FaultLoad(cluster);
            await load.StartAsync();
            await load.WaitForAcksAsync(300);

            var faultAt = DateTime.UtcNow;
            await inject(cluster);
            await load.FinishAsync();

            var report = FaultReport.Measure(fault, load, faultAt);
            report.Write(output);
            if (expectRefusals)
            {
                // Over 10 s with answers going every second or so, both kinds of client met the outage.
                Assert.True(load.Hub503 > 0, "no SubmitResponse was refused with 503 during the outage");
                Assert.True(load.Rest503 > 0, "no REST submission was answered 503 during the outage");
                Assert.True(report.Retried > 0, "no answer needed a retry");
            }
            Assert.True(cluster.IsUp(0) && cluster.IsUp(1), "a node exited over the database outage");
            await FaultChecks.AllAsync(load, cluster);
        }
        catch
        {
            output.WriteLine(cluster.Output);
            throw;
        }
    }
}
