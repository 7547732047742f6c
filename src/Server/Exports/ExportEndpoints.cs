using Conflicto.Data.Activities;
using Conflicto.Data.Events;
using Conflicto.Data.Exports;
using Conflicto.Data.Sessions;
using Conflicto.Server.Access;
using Conflicto.Server.Infrastructure;
using Conflicto.Server.OpenApi;
using Conflicto.Server.Quiz;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Conflicto.Server.Exports;

/// <summary>
/// Results for after the event: a session's or one activity's responses, results and quiz scores as
/// CSV, JSON or an Excel workbook, downloaded as a file named after the session. Host-only, asked like the recording
/// (<see cref="SessionAccess"/>): no credential is 401; a participant's token, a viewer's join code or
/// another session's admin code is 403. Anonymous activities are anonymous in every format.
/// </summary>
public static class ExportEndpoints
{
    public const string Csv = "csv";
    public const string Json = "json";
    public const string Xlsx = "xlsx";

    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/sessions/{sessionId}/export", ExportSessionAsync).WithTags("Exports").RequireRateLimiting(RateLimits.PollingPolicy)
            .WithName("ExportSession").RequiresAdminCode().ProducesProblems(404, 422)
            .WithSummary("Download every activity's responses, results and quiz scores as CSV, JSON or XLSX (host only)")
            .WithDescription("format=csv, json (default) or xlsx; for CSV, part=responses (one row per response, default), part=results or part=scores "
                + "(one row per player per quiz). An XLSX workbook has the sheets Responses, Results and, with a quiz, Quiz scores. "
                + "CSV and JSON are streamed, XLSX is sent once written; Content-Disposition names the file after the session. See docs/api.md#exports.");
        routes.MapGet("/api/v1/activities/{activityId}/export", ExportActivityAsync).WithTags("Exports").RequireRateLimiting(RateLimits.PollingPolicy)
            .WithName("ExportActivity").RequiresAdminCode().ProducesProblems(404, 422)
            .WithSummary("Download one activity's responses, results and quiz scores as CSV, JSON or XLSX (host only)")
            .WithDescription("The session export's format, for one activity. See docs/api.md#exports.");
        return routes;
    }

    public static async Task<Results<ExportFile, ProblemHttpResult>> ExportSessionAsync(
        int sessionId, string? format, string? part, [FromQuery(Name = "join_code")] string? joinCode, Caller caller,
        SessionStore sessions, ActivityStore activities, SnapshotStore snapshots, ExportStore store, QuizService quizzes, TimeProvider clock, ILogger<ExportFile> logger, CancellationToken ct)
    {
        if (Check(format, part) is { } invalid) return invalid;
        var session = await sessions.GetAsync(sessionId, ct);
        if (session is null) return Problems.NotFound($"Session {sessionId} not found.");
        if (await RefuseAsync(caller, session, joinCode, logger, ct) is { } refused) return refused;
        var (rows, _) = await activities.ListAsync(sessionId, null, 0, int.MaxValue, ct);
        logger.LogInformation("Session {SessionId} exported as {Format} ({Part}), {ActivityCount} activities", sessionId, Format(format), Part(part), rows.Count);
        return Answer(new ExportSource(session, rows, snapshots, store, quizzes), format, part, "session", clock);
    }

    public static async Task<Results<ExportFile, ProblemHttpResult>> ExportActivityAsync(
        Guid activityId, string? format, string? part, [FromQuery(Name = "join_code")] string? joinCode, Caller caller,
        SessionStore sessions, ActivityStore activities, SnapshotStore snapshots, ExportStore store, QuizService quizzes, TimeProvider clock, ILogger<ExportFile> logger, CancellationToken ct)
    {
        if (Check(format, part) is { } invalid) return invalid;
        if (await activities.GetAsync(activityId, ct) is not { } activity || await sessions.GetAsync(activity.SessionId, ct) is not { } session)
            return Problems.NotFound($"Activity {activityId} not found.");
        if (await RefuseAsync(caller, session, joinCode, logger, ct) is { } refused) return refused;
        logger.LogInformation("Activity {ActivityId} of session {SessionId} exported as {Format} ({Part})", activityId, session.Id, Format(format), Part(part));
        var what = $"{ExportNames.Slug(activity.Title)}-{activity.Id.ToString()[..8]}";
        return Answer(new ExportSource(session, [activity], snapshots, store, quizzes), format, part, what, clock);
    }

    private static ProblemHttpResult? Check(string? format, string? part) => new Validation()
        .AddIf(Format(format) is not (Csv or Json or Xlsx), "format", "format must be 'csv', 'json' or 'xlsx'")
        .AddIf(Part(part) is not (ExportParts.Responses or ExportParts.Results or ExportParts.Scores), "part", "part must be 'responses', 'results' or 'scores'")
        .AddIf(part is not null && Format(format) != Csv, "part", "part is for CSV: a JSON or XLSX export holds responses, results and quiz scores")
        is { IsValid: false } v ? v.ToProblem() : null;

    private static string Format(string? format) => (format ?? Json).Trim().ToLowerInvariant();

    private static string Part(string? part) => (part ?? ExportParts.Responses).Trim().ToLowerInvariant();

    /// <summary>The recording's rule: the host only, told apart from the others by what they sent.</summary>
    private static async Task<ProblemHttpResult?> RefuseAsync(Caller caller, SessionRow session, string? joinCode, ILogger logger, CancellationToken ct)
    {
        var (audience, refusal) = await SessionAccess.AudienceForAsync(caller, session.Id, joinCode, _ => Task.FromResult<SessionRow?>(session), ct);
        if (audience?.Role == Roles.Host) return null;
        logger.LogInformation("Export of session {SessionId} refused: the caller is {Audience}", session.Id, audience?.Role ?? "not allowed in");
        return refusal?.ToProblem() ?? Problems.Forbidden($"Exports are the host's: send the session's admin code in the {Caller.AdminCodeHeader} header.");
    }

    private static ExportFile Answer(ExportSource source, string? format, string? part, string what, TimeProvider clock) => Format(format) switch
    {
        Csv => new ExportFile(new CsvExportWriter(source, Part(part), ExportNames.FileName(source.Session.Title, $"{what}-{Part(part)}", Csv))),
        Xlsx => new ExportFile(new XlsxExportWriter(source, ExportNames.FileName(source.Session.Title, what, Xlsx))),
        _ => new ExportFile(new JsonExportWriter(source, ExportNames.FileName(source.Session.Title, what, Json), clock)),
    };
}
