using System.Text.Json;
using Conflicto.Data.Processing;
using Conflicto.Processing.Workflows;
using Conflicto.Server.Access;
using Conflicto.Server.Infrastructure;
using Conflicto.Server.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Conflicto.Server.Processing;

/// <summary>
/// <c>POST /api/v1/jobs/{jobId}/callback</c>: an external workflow answers the job it was handed,
/// with the one-time token of that attempt. Only a callback for the running attempt changes
/// anything; every refusal says why, in the answer and in the log.
/// </summary>
public static class WorkflowCallbackEndpoints
{
    /// <summary>Longest failure reason kept from a workflow.</summary>
    private const int MaxErrorLength = 2_000;

    public static RouteGroupBuilder MapWorkflowCallback(this RouteGroupBuilder group)
    {
        group.MapPost("/jobs/{jobId}/callback", CallbackAsync).WithName("WorkflowCallback").RequiresCallbackToken()
            .ProducesProblems(401, 404, 409, 410, 422)
            .WithSummary("An external workflow's answer to the job it was handed")
            .WithDescription("Authorization: Bearer <callback_token> from the post. 401 a token not issued for this job; 404 no such job; "
                + "409 the token was already used; 410 the attempt is over (deadline passed, superseded, or its post failed); "
                + "422 a malformed body (nothing changes) or a result that fails the expected_result_schema checks (the attempt fails and is retried).");
        return group;
    }

    public static async Task<Results<Ok<WorkflowCallbackResponse>, ProblemHttpResult>> CallbackAsync(
        Guid jobId, WorkflowCallbackRequest body, HttpRequest request, WorkflowCallbacks callbacks, ILogger<WorkflowCallbacks> logger, CancellationToken ct)
    {
        if (BearerTokens.Of(request) is not { } token)
            return Refused(logger, jobId, Problems.Unauthorized("Send the job's callback token: Authorization: Bearer <callback_token> (from the post to the workflow)."));
        var check = await callbacks.CheckAsync(jobId, token, ct);
        if (check.Verdict != CallbackVerdict.Applied) return Refused(logger, jobId, Problem(check));

        var v = new Validation()
            .AddIf(body.Status is not ("completed" or "failed"), "status", "status must be 'completed' (with result) or 'failed' (with error)")
            .AddIf(body.Status == "completed" && body.Result is not { ValueKind: JsonValueKind.Object }, "result", "a completed callback needs result, a JSON object in expected_result_schema's shape")
            .AddIf(body.Status == "failed" && body.Result is not null, "result", "a failed callback carries error, not result");
        if (!v.IsValid) return Refused(logger, jobId, v.ToProblem());

        var error = string.IsNullOrWhiteSpace(body.Error) ? "no reason given" : body.Error.Trim();
        if (error.Length > MaxErrorLength) error = error[..MaxErrorLength] + "…";
        var (applied, invalid) = await callbacks.ApplyAsync(check.Job!, token, body.Status == "completed", body.Result, error, ct);
        if (applied.Verdict != CallbackVerdict.Applied) return Refused(logger, jobId, Problem(applied));
        if (invalid is not null) return Refused(logger, jobId, Validation.Problem("result", invalid));
        return TypedResults.Ok(new WorkflowCallbackResponse(jobId, applied.Attempt!.Attempt, applied.Detail, applied.Job!.Status));
    }

    private static ProblemHttpResult Problem(CallbackResult refused) => refused.Verdict switch
    {
        CallbackVerdict.UnknownJob => Problems.NotFound(refused.Detail),
        CallbackVerdict.WrongToken => Problems.Unauthorized(refused.Detail),
        CallbackVerdict.AlreadyUsed => Problems.Conflict(refused.Detail + " A callback token counts once; nothing was changed."),
        _ => TypedResults.Problem(refused.Detail + " Nothing was changed.", statusCode: StatusCodes.Status410Gone, title: "Gone"),
    };

    private static ProblemHttpResult Refused(ILogger logger, Guid jobId, ProblemHttpResult problem)
    {
        logger.LogWarning("Workflow callback for job {JobId} refused with {StatusCode}: {Reason}", jobId, problem.StatusCode, problem.ProblemDetails.Detail);
        return problem;
    }
}
