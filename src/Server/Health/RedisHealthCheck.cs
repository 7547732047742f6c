using Conflicto.Server.Realtime;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Health;

/// <summary>
/// Redis (registered only when <c>ConnectionStrings:Redis</c> is set): both of the node's
/// connections are up and the event bus's answers a ping. Down is Unhealthy, or Degraded when
/// <see cref="HealthOptions.RedisRequired"/> is off.
/// </summary>
public sealed class RedisHealthCheck(RedisConnection redis, RedisAvailability availability, IOptions<HealthOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var down = options.Value.RedisRequired ? HealthStatus.Unhealthy : HealthStatus.Degraded;
        var multiplexer = await redis.ConnectAsync(cancellationToken);
        if (!availability.IsReachable || !multiplexer.IsConnected)
            return new HealthCheckResult(down, $"unreachable: {availability.Reason ?? "not connected"}");
        try
        {
            var roundTrip = await multiplexer.GetDatabase().PingAsync().WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy("ok", new Dictionary<string, object> { ["round_trip_ms"] = Math.Round(roundTrip.TotalMilliseconds, 1) });
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            return new HealthCheckResult(down, $"unreachable: {ex.Message}");
        }
    }
}
