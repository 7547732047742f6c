using System.Text.Json;
using Conflicto.Data.Activities;
using Conflicto.Data.Infrastructure;
using Conflicto.Data.Responses;
using Conflicto.Processing.ActivityTypes;
using Conflicto.Processing.Results;
using Conflicto.Server.Access;
using Conflicto.Server.Infrastructure;
using Conflicto.Server.OpenApi;
using Conflicto.Server.Polling;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Activities;

/// <summary>The activity framework: types and their schemas, validation, creation, the state machine and results.</summary>
public static class FrameworkEndpoints
{
    public static RouteGroupBuilder MapFrameworkEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1").WithTags("Activity framework");
        group.MapGet("/activities/types", ListTypes).WithName("ListActivityTypes").Public()
            .WithSummary("List the activity types");
        group.MapGet("/activities/types/{activityType}/schema", GetTypeSchema).WithName("GetActivityTypeSchema").Public().ProducesProblems(404)
            .WithSummary("The JSON schema of an activity type's configuration");
        group.MapPost("/activities/validate", Validate).WithName("ValidateActivityConfiguration").Public()
            .WithSummary("Check a configuration against its type, without creating anything")
            .WithDescription("A configuration that does not fit is answered 200 with valid: false and the errors; 422 only for a request without activity_type or configuration.");
        group.MapPost("/sessions/{sessionId}/activities/framework", CreateAsync).WithName("CreateFrameworkActivity").RequiresAdminCode().ProducesProblems(404, 409)
            .WithSummary("Create an activity as a draft (framework shape)")
            .WithDescription("activity_metadata is merged with the type's defaults (duration_seconds and others).");
        group.MapPost("/activities/{activityId}/transition", TransitionAsync).WithName("TransitionActivity").RequiresAdminCode().ProducesProblems(404, 409)
            .WithSummary("Move an activity through draft → published → active → expired")
            .WithDescription("409 for a move the state machine does not allow, unless force is true. Activating sets expires_at from duration_seconds.");
        group.MapGet("/activities/{activityId}/results", GetResultsAsync).RequireRateLimiting(RateLimits.CachedPollingPolicy)
            .WithName("GetActivityResults").AcceptsAdminCode().ProducesProblems(404).AnswersNotModified()
            .WithSummary("An activity's results")
            .WithDescription("results is the type's document (poll_results, qna_results, word_cloud_results): docs/api.md. A draft's are its host's only.");
        group.MapGet("/activities/{activityId}/status/framework", GetStatusAsync).RequireRateLimiting(RateLimits.CachedPollingPolicy)
            .WithName("GetFrameworkActivityStatus").AcceptsAdminCode().ProducesProblems(404).AnswersNotModified()
            .WithSummary("Poll an activity's state, valid transitions and results");
        return group;
    }

    public static Ok<ActivityTypesListResponse> ListTypes() => TypedResults.Ok(new ActivityTypesListResponse(
        ActivityTypeCatalog.Known.Select(t => new ActivityTypeResponse(t.Id, t.Name, t.Description, t.Version)).ToList()));

    public static Results<Ok<ActivityTypeSchemaResponse>, ProblemHttpResult> GetTypeSchema(string activityType) =>
        ActivityTypeCatalog.Find(activityType) is { } type
            ? TypedResults.Ok(new ActivityTypeSchemaResponse(type.Id, Json.Parse(type.ConfigurationSchema)))
            : Problems.NotFound($"Unknown activity type '{activityType}'. Known types: {string.Join(", ", ActivityTypeCatalog.Known.Select(t => t.Id))}.");

    public static Results<Ok<ActivityValidationResponse>, ProblemHttpResult> Validate(ActivityValidationRequest body)
    {
        var v = new Validation();
        ActivityInput.CheckType(v, "activity_type", body.ActivityType, required: true);
        v.AddIf(body.Configuration is null, "configuration", "configuration is required");
        if (!v.IsValid) return v.ToProblem();
        var check = ActivityTypeCatalog.Validate(body.ActivityType!.Trim(), body.Configuration!.Value);
        var errors = check.Errors.Concat(Media.MediaReferences.Errors(body.Configuration.Value)).ToList();
        return TypedResults.Ok(new ActivityValidationResponse(errors.Count == 0, errors, check.Warnings));
    }

    public static async Task<Results<Created<ActivityDto>, ProblemHttpResult>> CreateAsync(
        int sessionId, FrameworkActivityCreate body, Caller caller, ActivityStore activities, Data.Sessions.SessionStore sessions,
        IOptions<LimitsOptions> limits, CancellationToken ct)
    {
        // A session that does not exist has no admin code that could match: say so (404) rather than 403.
        if (AccessRules.Host(caller, sessionId) is { } denied)
            return await sessions.GetAsync(sessionId, ct) is null ? Problems.NotFound($"Session {sessionId} not found.") : denied;
        var v = new Validation();
        ActivityInput.CheckType(v, "activity_type", body.ActivityType, required: true);
        v.AddIf(string.IsNullOrWhiteSpace(body.Title), "title", "title is required and must not be blank")
         .AddIf(body.Title?.Length > ActivityInput.MaxTitleLength, "title", $"title must be at most {ActivityInput.MaxTitleLength} characters")
         .AddIf(body.Description?.Length > ActivityInput.MaxDescriptionLength, "description", $"description must be at most {ActivityInput.MaxDescriptionLength} characters")
         .AddIf(body.OrderIndex < 0, "order_index", "order_index must be 0 or more");
        ActivityInput.CheckMetadata(v, body.ActivityMetadata, limits.Value);
        var configuration = ActivityInput.OrEmpty(body.Configuration);
        var tooLarge = false;
        if (v.IsValid) ActivityInput.CheckConfiguration(v, "configuration", body.ActivityType!.Trim(), configuration, limits.Value, out tooLarge);
        if (tooLarge) return Problems.TooLarge($"configuration must be at most {limits.Value.MaxConfigurationBytes} bytes.");
        if (!v.IsValid) return v.ToProblem();

        var result = await activities.CreateAsync(sessionId, new NewActivity(
            body.ActivityType!.Trim(), body.Title!.Trim(), body.Description, configuration,
            FrameworkDefaults.MergeMetadata(body.ActivityType!.Trim(), configuration, body.ActivityMetadata),
            body.OrderIndex ?? 0, ActivityStates.Draft, LegacyStatuses.Draft), ct);
        return result.Value is { } row
            ? TypedResults.Created($"/api/v1/activities/{row.Id}", ActivityDto.From(row))
            : Problems.From(result);
    }

    public static async Task<Results<Ok<ActivityDto>, ProblemHttpResult>> TransitionAsync(
        Guid activityId, ActivityTransitionRequest body, Caller caller, ActivityStore activities, ILogger<ActivityDto> logger, CancellationToken ct)
    {
        var (current, problem) = await HostedActivity.FindAsync(activities, caller, activityId, ct);
        if (current is null) return problem!; // FindAsync gives a problem exactly when no activity
        var v = new Validation()
            .AddIf(body.TargetState is null || !ActivityStates.IsKnown(body.TargetState), "target_state", $"target_state must be one of: {string.Join(", ", ActivityStates.All)}")
            .AddIf(body.Reason?.Length > 500, "reason", "reason must be at most 500 characters");
        if (!v.IsValid) return v.ToProblem();

        var result = await activities.TransitionAsync(activityId, body.TargetState!, body.Force ?? false, body.KeepOthersOpen ?? false, ct);
        if (result.Value is not { } row) return Problems.From(result);
        logger.LogInformation("Activity {ActivityId} moved from {FromState} to {ToState} (force: {Force}, reason: {Reason})",
            activityId, current.State, row.State, body.Force ?? false, body.Reason);
        return TypedResults.Ok(ActivityDto.From(row));
    }

    public static async Task<Results<Ok<ActivityResultsResponse>, StatusCodeHttpResult, ProblemHttpResult>> GetResultsAsync(
        Guid activityId, Caller caller, HttpContext http, PollCache cache, ActivityStore activities, ResponseStore responses, CancellationToken ct)
    {
        var entry = await cache.GetAsync(DraftRules.CacheKey($"activity-results:{activityId}", caller), async token =>
        {
            if (await activities.GetAsync(activityId, token) is not { } activity || !DraftRules.Shows(activity, caller)) return null;
            var all = await responses.ListAllAsync(activityId, token);
            return (new ActivityResultsResponse(ResultsCalculator.Compute(activity, all), ActivityEndpoints.LastUpdated(activity), activity.Id, activity.ActivityType, all.Count),
                activity.SessionId);
        }, ct);
        return entry is null ? Problems.NotFound($"Activity {activityId} not found.") : CachedAnswer.From<ActivityResultsResponse>(http, entry);
    }

    public static async Task<Results<Ok<FrameworkActivityStatusResponse>, StatusCodeHttpResult, ProblemHttpResult>> GetStatusAsync(
        Guid activityId, Caller caller, HttpContext http, PollCache cache, ActivityStore activities, ResponseStore responses, CancellationToken ct)
    {
        var entry = await cache.GetAsync(DraftRules.CacheKey($"activity-framework-status:{activityId}", caller), async token =>
        {
            if (await activities.GetAsync(activityId, token) is not { } activity || !DraftRules.Shows(activity, caller)) return null;
            object? results = activity.ResponseCount > 0 ? ResultsCalculator.Compute(activity, await responses.ListAllAsync(activityId, token)) : null;
            return (new FrameworkActivityStatusResponse(
                activity.Id, activity.Status, activity.State, activity.ResponseCount, activity.ExpiresAt,
                activity.ActivityMetadata, ActivityStates.ValidTransitions(activity.State), results,
                activity.LastResponseAt, ActivityEndpoints.LastUpdated(activity), activity.ProcessingStatus), activity.SessionId);
        }, ct);
        return entry is null ? Problems.NotFound($"Activity {activityId} not found.") : CachedAnswer.From<FrameworkActivityStatusResponse>(http, entry);
    }
}
