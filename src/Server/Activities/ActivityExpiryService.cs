using Conflicto.Data.Activities;

namespace Conflicto.Server.Activities;

/// <summary>
/// Ends activities whose time limit (<c>time_limit_seconds</c>) has passed, with the same
/// state-change event a host's transition makes. Safe on several nodes: the transition is checked
/// under the session lock, so a node that loses the race gets a conflict and moves on.
/// </summary>
public sealed class ActivityExpiryService(ActivityStore activities, TimeProvider clock, ILogger<ActivityExpiryService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await ExpireDueAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Expiring due activities failed; retrying in {IntervalSeconds} s", Interval.TotalSeconds);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task ExpireDueAsync(CancellationToken ct)
    {
        foreach (var id in await activities.ListDueForExpiryAsync(clock.GetUtcNow().UtcDateTime, 100, ct))
        {
            var result = await activities.TransitionAsync(id, ActivityStates.Expired, force: false, ct);
            if (result.Value is not null) logger.LogInformation("Activity {ActivityId} expired at its time limit", id);
        }
    }
}
