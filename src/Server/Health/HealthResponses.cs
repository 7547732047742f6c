using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Conflicto.Server.Health;

/// <summary>
/// The health answer. <c>status</c>, <c>timestamp</c> and <c>version</c> are the legacy contract;
/// <c>checks</c> keeps its legacy form (name → "ok", or what is wrong) so old probes go on
/// reading it; <c>failing</c> names the checks that make the node unhealthy; <c>entries</c> has
/// each check's status, description, duration and figures; <c>processing</c> repeats the
/// processing check's figures where clients read them before the checks existed.
/// </summary>
public sealed record HealthResponse(
    string Status, DateTime Timestamp, string Version,
    IReadOnlyDictionary<string, string>? Checks = null,
    IReadOnlyList<string>? Failing = null,
    IReadOnlyDictionary<string, HealthEntry>? Entries = null,
    IReadOnlyDictionary<string, object>? Processing = null);

/// <summary>One check: <c>healthy</c>, <c>degraded</c> or <c>unhealthy</c>, why, how long it took, and its figures (snake_case keys).</summary>
public sealed record HealthEntry(string Status, string? Description, double DurationMs, IReadOnlyDictionary<string, object>? Data);

public static class HealthResponses
{
    public static string Name(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };

    public static HealthResponse From(HealthReport report, DateTime timestamp, string version)
    {
        if (report.Entries.Count == 0) return new HealthResponse(Name(report.Status), timestamp, version);
        var entries = report.Entries.ToDictionary(e => e.Key, e => new HealthEntry(
            Name(e.Value.Status), Describe(e.Value), Math.Round(e.Value.Duration.TotalMilliseconds, 1), e.Value.Data.Count == 0 ? null : e.Value.Data));
        var checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status == HealthStatus.Healthy ? "ok" : Describe(e.Value) ?? Name(e.Value.Status));
        var failing = report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy).Select(e => e.Key).ToList();
        var processing = report.Entries.TryGetValue(HealthChecksSetup.Processing, out var p) ? p.Data : null;
        return new HealthResponse(Name(report.Status), timestamp, version, checks, failing, entries, processing);
    }

    /// <summary>The check's own words; a check that threw or timed out has none, so its exception's message stands in.</summary>
    private static string? Describe(HealthReportEntry entry) => entry.Description ?? entry.Exception?.Message;
}
