using Conflicto.Server.Health;
using Conflicto.Server.Shutdown;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;

namespace Conflicto.Tests.Unit.Server.Health;

public sealed class NodeHealthCheckTests
{
    [Fact]
    public async Task Node_IsHealthyUntilTheDrainBegins_ThenUnhealthyNamingTheDrain()
    {
        var clock = new FakeTimeProvider();
        var drain = new NodeDrain(clock);
        var check = new NodeHealthCheck(drain);

        var before = await check.CheckHealthAsync(new HealthCheckContext());
        drain.Begin();
        clock.Advance(TimeSpan.FromSeconds(2));
        var during = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, before.Status);
        Assert.Equal(HealthStatus.Unhealthy, during.Status);
        Assert.StartsWith("draining", during.Description);
        Assert.Equal(2.0, during.Data["draining_seconds"]);
    }
}
