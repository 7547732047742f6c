using Conflicto.Data.Activities;
using Conflicto.Server.Access;
using Conflicto.Server.Infrastructure;
using Conflicto.Server.OpenApi;
using Conflicto.Server.Polling;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Activities;

/// <summary>The legacy activity routes: CRUD, status and the polling status view.</summary>
public static class ActivityEndpoints
{
    public static RouteGroupBuilder MapActivityEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1").WithTags("Activities");
        group.MapPost("/sessions/{sessionId}/activities", CreateAsync).WithName("CreateActivity").RequiresAdminCode().ProducesProblems(404, 409)
            .WithSummary("Create an activity (legacy shape: type, config, status)");
        group.MapGet("/sessions/{sessionId}/activities", ListAsync).WithName("ListActivities").AcceptsAdminCode().ProducesProblems(404)
            .WithSummary("List a session's activities")
            .WithDescription("Drafts are listed in full for the host (X-Admin-Code) and as their stub for everyone else.");
        group.MapGet("/sessions/{sessionId}/activities/active", GetActiveAsync).WithName("GetActiveActivity").Public().ProducesProblems(404).AnswersNullWhenNone()
            .WithSummary("The activity participants should answer now, or null");
        group.MapGet("/sessions/{sessionId}/activities/{activityId}/status", GetStatusAsync).RequireRateLimiting(RateLimits.CachedPollingPolicy)
            .WithName("GetActivityStatus").AcceptsAdminCode().ProducesProblems(404).AnswersNotModified()
            .WithSummary("Poll an activity's status (legacy)");
        group.MapGet("/activities/{activityId}", GetAsync).WithName("GetActivity").AcceptsAdminCode().ProducesProblems(404).AnswersNotModified()
            .AnswersOneOf(typeof(ActivityDto), typeof(DraftStub))
            .WithSummary("Get an activity")
            .WithDescription("A draft is the full activity for its host (X-Admin-Code) and its stub for everyone else.");
        group.MapPut("/activities/{activityId}", UpdateAsync).WithName("UpdateActivity").RequiresAdminCode().ProducesProblems(404, 409)
            .WithSummary("Change an activity's type, configuration, order or status");
        group.MapDelete("/activities/{activityId}", DeleteAsync).WithName("DeleteActivity").RequiresAdminCode().ProducesProblems(404, 409)
            .WithSummary("Delete an activity with its responses");
        group.MapPatch("/activities/{activityId}/status", SetStatusAsync).WithName("SetActivityStatus").RequiresAdminCode().ProducesProblems(404, 409)
            .WithSummary("Set an activity's legacy status (?status=)")
            .WithDescription("Moves freely, as the old API did. active closes the session's other open activities unless keep_others_open=true.");
        return group;
    }

    public static async Task<Results<Created<ActivityDto>, ProblemHttpResult>> CreateAsync(
        int sessionId, ActivityCreate body, Caller caller, ActivityStore activities, Data.Sessions.SessionStore sessions,
        IOptions<LimitsOptions> limits, CancellationToken ct)
    {
        // A session that does not exist has no admin code that could match: say so (404) rather than 403.
        if (AccessRules.Host(caller, sessionId) is { } denied)
            return await sessions.GetAsync(sessionId, ct) is null ? Problems.NotFound($"Session {sessionId} not found.") : denied;
        var v = new Validation();
        ActivityInput.CheckType(v, "type", body.Type, required: true);
        ActivityInput.CheckLegacyStatus(v, body.Status);
        v.AddIf(body.OrderIndex < 0, "order_index", "order_index must be 0 or more");
        var config = ActivityInput.OrEmpty(body.Config);
        var tooLarge = false;
        if (v.IsValid) ActivityInput.CheckConfiguration(v, "config", body.Type!.Trim(), config, limits.Value, out tooLarge);
        if (tooLarge) return Problems.TooLarge($"config must be at most {limits.Value.MaxConfigurationBytes} bytes.");
        if (!v.IsValid) return v.ToProblem();

        var status = body.Status ?? LegacyStatuses.Draft;
        var result = await activities.CreateAsync(sessionId, new NewActivity(
            body.Type!.Trim(), "", null, config, Data.Infrastructure.Json.EmptyObject, body.OrderIndex ?? 0,
            ActivityStates.FromLegacyStatus(status), status), ct);
        return result.Value is { } row
            ? TypedResults.Created($"/api/v1/activities/{row.Id}", ActivityDto.From(row))
            : Problems.From(result);
    }

    public static async Task<Results<Ok<ActivityList>, ProblemHttpResult>> ListAsync(
        int sessionId, int? offset, int? limit, string? status, Caller caller, ActivityStore activities, Data.Sessions.SessionStore sessions, CancellationToken ct)
    {
        var v = Paging.Check(offset, limit, 100, out var paging);
        ActivityInput.CheckLegacyStatus(v, status);
        if (!v.IsValid) return v.ToProblem();
        if (await sessions.GetAsync(sessionId, ct) is null) return Problems.NotFound($"Session {sessionId} not found.");
        var (rows, total) = await activities.ListAsync(sessionId, status, paging.Offset, paging.Limit, ct);
        return TypedResults.Ok(new ActivityList(rows.Select(a => DraftRules.View(a, caller)).ToList(), total));
    }

    /// <summary>The activity participants should answer now, or JSON null when none is active.</summary>
    public static async Task<Results<Ok<ActivityDto>, ContentHttpResult, ProblemHttpResult>> GetActiveAsync(
        int sessionId, ActivityStore activities, Data.Sessions.SessionStore sessions, CancellationToken ct)
    {
        if (await sessions.GetAsync(sessionId, ct) is null) return Problems.NotFound($"Session {sessionId} not found.");
        var row = await activities.GetActiveAsync(sessionId, ct);
        // Ok(null) would write an empty body; legacy clients parse the body as JSON and expect null.
        // Public: host-only configuration keys are cut for everyone (the host reads the activity by id).
        return row is null ? TypedResults.Content("null", "application/json") : TypedResults.Ok(ActivityDto.From(HostOnlyFields.ForEveryone(row)));
    }

    public static async Task<Results<Ok<ActivityStatusResponse>, StatusCodeHttpResult, ProblemHttpResult>> GetStatusAsync(
        int sessionId, Guid activityId, Caller caller, HttpContext http, PollCache cache, ActivityStore activities, CancellationToken ct)
    {
        var entry = await cache.GetAsync(DraftRules.CacheKey($"activity-status:{activityId}", caller), async token =>
            await activities.GetAsync(activityId, token) is { } row && DraftRules.Shows(row, caller)
                ? (new ActivityStatusResponse(row.Id, row.Status, row.ResponseCount, row.LastResponseAt, LastUpdated(row), row.State), row.SessionId)
                : null, ct);
        return entry is null || entry.SessionId != sessionId
            ? Problems.NotFound($"Activity {activityId} not found in session {sessionId}.")
            : CachedAnswer.From<ActivityStatusResponse>(http, entry);
    }

    /// <summary>
    /// Served from the polling cache: a legacy client fetches the activity each time the session's
    /// current activity changes, so a thousand pollers would otherwise cost a thousand queries a change.
    /// A draft is the full Activity for its host and a <see cref="DraftStub"/> for everyone else.
    /// </summary>
    public static async Task<Results<Ok<object>, StatusCodeHttpResult, ProblemHttpResult>> GetAsync(
        Guid activityId, Caller caller, HttpContext http, PollCache cache, ActivityStore activities, CancellationToken ct)
    {
        var entry = await cache.GetAsync(DraftRules.CacheKey($"activity:{activityId}", caller), async token =>
            await activities.GetAsync(activityId, token) is { } row ? (DraftRules.View(row, caller), row.SessionId) : null, ct);
        return entry is null ? Problems.NotFound($"Activity {activityId} not found.") : CachedAnswer.From<object>(http, entry);
    }

    public static async Task<Results<Ok<ActivityDto>, ProblemHttpResult>> UpdateAsync(
        Guid activityId, ActivityUpdate body, Caller caller, ActivityStore activities, Data.Quiz.QuizStore quizzes, IOptions<LimitsOptions> limits,
        ILogger<ActivityUpdate> logger, CancellationToken ct)
    {
        var (current, problem) = await HostedActivity.FindAsync(activities, caller, activityId, ct);
        if (current is null) return problem!; // FindAsync gives a problem exactly when no activity
        var changesConfiguration = body.Config is not null || body.Type is not null;
        if (await Quiz.QuizEditGuard.RefusalAsync(quizzes, current, changesConfiguration, logger, ct) is { } running)
            return Problems.Conflict(running);

        var v = new Validation();
        ActivityInput.CheckType(v, "type", body.Type, required: false);
        ActivityInput.CheckLegacyStatus(v, body.Status);
        v.AddIf(body.OrderIndex < 0, "order_index", "order_index must be 0 or more");
        var type = body.Type?.Trim() ?? current.ActivityType;
        var config = body.Config is { ValueKind: not System.Text.Json.JsonValueKind.Null } c ? c : current.Configuration;
        if (v.IsValid && changesConfiguration)
        {
            ActivityInput.CheckConfiguration(v, "config", type, config, limits.Value, out var tooLarge);
            if (tooLarge) return Problems.TooLarge($"config must be at most {limits.Value.MaxConfigurationBytes} bytes.");
        }
        if (!v.IsValid) return v.ToProblem();

        var result = await activities.UpdateAsync(activityId, new ActivityPatch(
            ActivityType: body.Type?.Trim(), Configuration: body.Config is null ? null : config, OrderIndex: body.OrderIndex, LegacyStatus: body.Status), ct,
            refuse: (locked, run) => Quiz.QuizEditGuard.Refusal(locked, run, changesConfiguration, logger));
        return result.Value is { } row ? TypedResults.Ok(ActivityDto.From(row)) : Problems.From(result);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid activityId, Caller caller, ActivityStore activities, CancellationToken ct)
    {
        var (current, problem) = await HostedActivity.FindAsync(activities, caller, activityId, ct);
        if (current is null) return problem!; // FindAsync gives a problem exactly when no activity
        var result = await activities.DeleteAsync(activityId, ct);
        return result.Status == Data.Infrastructure.WriteStatus.Ok ? TypedResults.NoContent() : Problems.From(result);
    }

    /// <summary>
    /// Legacy status change (<c>?status=</c>). Unlike framework transitions it may move freely, as the old API did.
    /// <c>active</c> closes the session's other open activities unless <c>keep_others_open=true</c>.
    /// </summary>
    public static async Task<Results<Ok<ActivityDto>, ProblemHttpResult>> SetStatusAsync(
        Guid activityId, string? status, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "keep_others_open")] bool? keepOthersOpen,
        Caller caller, ActivityStore activities, CancellationToken ct)
    {
        var (current, problem) = await HostedActivity.FindAsync(activities, caller, activityId, ct);
        if (current is null) return problem!; // FindAsync gives a problem exactly when no activity
        var v = new Validation().AddIf(status is null, "status", "the status query parameter is required");
        ActivityInput.CheckLegacyStatus(v, status);
        if (!v.IsValid) return v.ToProblem();
        var result = await activities.UpdateAsync(activityId, new ActivityPatch(LegacyStatus: status), ct, keepOthersOpen ?? false);
        return result.Value is { } row ? TypedResults.Ok(ActivityDto.From(row)) : Problems.From(result);
    }

    internal static DateTime LastUpdated(ActivityRow row) =>
        row.LastResponseAt is { } last && last > row.UpdatedAt ? last : row.UpdatedAt;
}
