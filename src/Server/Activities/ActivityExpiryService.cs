using Conflicto.Data.Activities;
using Conflicto.Data.Infrastructure;
using Conflicto.Processing.Hosting;

namespace Conflicto.Server.Activities;

/// <summary>
/// Ends activities whose time limit (<c>time_limit_seconds</c>) has passed, with the same
/// state-change event a host's transition makes. Safe on several nodes: the transition is checked
/// under the session lock, so a node that loses the race gets a conflict and moves on.
/// </summary>
public sealed class ActivityExpiryService(ActivityStore activities, TimeProvider clock, ILogger<ActivityExpiryService> logger, DatabaseAvailability database)
    : PeriodicService(clock, logger, database)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(1);

    protected override async Task TickAsync(CancellationToken ct)
    {
        foreach (var id in await activities.ListDueForExpiryAsync(Clock.GetUtcNow().UtcDateTime, 100, ct))
        {
            var result = await activities.TransitionAsync(id, ActivityStates.Expired, force: false, keepOthersOpen: false, ct);
            if (result.Value is not null) logger.LogInformation("Activity {ActivityId} expired at its time limit", id);
        }
    }
}
