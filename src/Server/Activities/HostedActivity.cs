using Conflicto.Data.Activities;
using Conflicto.Server.Access;
using Conflicto.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Conflicto.Server.Activities;

/// <summary>The activity a host action is about: 404 when it does not exist, 401/403 when the caller is not its session's host.</summary>
public static class HostedActivity
{
    public static async Task<(ActivityRow? Activity, ProblemHttpResult? Problem)> FindAsync(
        ActivityStore activities, Caller caller, Guid activityId, CancellationToken ct)
    {
        if (await activities.GetAsync(activityId, ct) is not { } activity) return (null, Problems.NotFound($"Activity {activityId} not found."));
        return AccessRules.Host(caller, activity.SessionId) is { } denied ? (null, denied) : (activity, null);
    }
}
