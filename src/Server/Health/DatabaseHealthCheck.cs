using Conflicto.Data.Infrastructure;
using Conflicto.Data.Migrations;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Conflicto.Server.Health;

/// <summary>
/// The database answers and its schema is current: every migration this build ships is
/// journaled. A node whose schema is behind would fail on the first statement that needs the new
/// columns, so it is not ready either. An unreachable database is reported with the outage's
/// reason and no stack trace (<see cref="DatabaseAvailability"/> logs it once).
/// </summary>
public sealed class DatabaseHealthCheck(MigrationRunner migrations, DatabaseAvailability availability, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var started = clock.GetTimestamp();
        IReadOnlyList<string> pending;
        try
        {
            pending = await migrations.PendingAsync(cancellationToken);
        }
        catch (Exception ex) when (availability.ReportFailure(ex))
        {
            return HealthCheckResult.Unhealthy($"unreachable: {availability.Reason}",
                data: new Dictionary<string, object> { ["down_for_seconds"] = Math.Round(availability.DownFor?.TotalSeconds ?? 0, 1) });
        }
        availability.ReportReachable();
        var data = new Dictionary<string, object>
        {
            ["round_trip_ms"] = Math.Round(clock.GetElapsedTime(started).TotalMilliseconds, 1),
            ["latest_migration"] = MigrationName(MigrationRunner.Shipped[^1]),
            ["pending_migrations"] = pending.Select(MigrationName).ToList(),
        };
        return pending.Count == 0
            ? HealthCheckResult.Healthy("ok", data)
            : HealthCheckResult.Unhealthy($"not migrated: {pending.Count} migration(s) not applied, the first {MigrationName(pending[0])}", data: data);
    }

    /// <summary>"Conflicto.Migrations.0014_x.sql" → "0014_x".</summary>
    private static string MigrationName(string resource) =>
        Path.GetFileNameWithoutExtension(resource)["Conflicto.Migrations.".Length..];
}
