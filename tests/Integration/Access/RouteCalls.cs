using System.Text.RegularExpressions;

namespace Conflicto.Tests.Integration.Access;

/// <summary>A request of the matrix: the path with its parameters filled in, a body, and the session it is about.</summary>
public sealed record RouteCall(string Path, object? Body, Target Target);

/// <summary>
/// How to call each route of the matrix so that the caller allowed gets its success status: route
/// parameters are filled in by name from the world (<see cref="Fill"/>); routes that need a body,
/// or act on something they change or destroy, have a recipe below. A new route whose parameters
/// are all known needs nothing here, only its row in docs/security.md.
/// </summary>
public static partial class RouteCalls
{
    /// <summary>The request for the matrix row <paramref name="key"/> ("METHOD /pattern") with an optional variant ("draft").</summary>
    public static async Task<RouteCall> ForAsync(AccessWorld w, string key, string? variant)
    {
        var target = w.Default;
        var ids = new Dictionary<string, string>
        {
            ["sessionId"] = $"{w.A.Id}",
            ["activityId"] = $"{(variant == "draft" ? w.Draft : w.Poll)}",
            ["participantId"] = $"{w.Pat.Id}",
            ["responseId"] = $"{w.PatsQuestion}",
            ["jobId"] = $"{w.Job}",
            ["code"] = w.A.JoinCode,
            ["timestamp"] = "0",
            ["activityType"] = "poll",
            ["mediaId"] = w.Image,
            ["webhookId"] = $"{w.Webhook}",
        };
        object? body = null;
        var query = "";
        switch (key)
        {
            case "POST /api/v1/sessions/":
                body = new { title = "Made by the matrix" };
                break;
            case "PUT /api/v1/sessions/{sessionId}":
                body = new { title = "Access matrix A" };
                break;
            case "DELETE /api/v1/sessions/{sessionId}":
                target = await w.FreshSessionAsync();
                ids["sessionId"] = $"{target.SessionId}";
                break;
            case "POST /api/v1/sessions/{sessionId}/join":
                body = new { nickname = "Joiner" };
                break;
            case "GET /api/v1/sessions/{sessionId}/nicknames/validate":
                query = "nickname=Someone";
                break;
            case "POST /api/v1/participants/{participantId}/heartbeat":
                body = new { };
                break;
            case "DELETE /api/v1/participants/{participantId}":
                target = await w.FreshParticipantAsync();
                ids["participantId"] = $"{target.ParticipantId}";
                break;
            case "POST /api/v1/sessions/{sessionId}/activities":
                body = new { type = "poll", config = AccessWorld.PollConfig };
                break;
            case "POST /api/v1/sessions/{sessionId}/activities/framework":
                body = new { activity_type = "poll", title = "Made by the matrix", configuration = AccessWorld.PollConfig };
                break;
            case "POST /api/v1/activities/validate":
                body = new { activity_type = "poll", configuration = AccessWorld.PollConfig };
                break;
            case "PUT /api/v1/activities/{activityId}":
                ids["activityId"] = $"{await w.FreshActivityAsync()}";
                body = new { order_index = 3 };
                break;
            case "DELETE /api/v1/activities/{activityId}":
                ids["activityId"] = $"{await w.FreshActivityAsync()}";
                break;
            case "PATCH /api/v1/activities/{activityId}/status":
                ids["activityId"] = $"{await w.FreshActivityAsync()}";
                query = "status=completed";
                break;
            case "POST /api/v1/activities/{activityId}/transition":
                ids["activityId"] = $"{await w.FreshActivityAsync()}";
                body = new { target_state = "published" };
                break;
            case "POST /api/v1/activities/{activityId}/processing/retry":
                // Processing is off in tests, so a new activity's analysis stays pending (409): fail it, and a retry is accepted.
                var fresh = await w.FreshActivityAsync();
                await Processing.ProcessingTesting.ExecuteAsync(w.ConnectionString,
                    "update processing_jobs set status = 'failed', attempts = 1, max_attempts = 3 where subject_id = @fresh", new { fresh });
                ids["activityId"] = $"{fresh}";
                break;
            case "POST /api/v1/sessions/{sessionId}/activities/{activityId}/responses":
            case "POST /api/v1/activities/{activityId}/responses":
                ids["activityId"] = $"{w.Qa}";
                body = new { response_data = new { question = "Another question" } };
                break;
            case "PUT /api/v1/responses/{responseId}":
                body = new { response_data = new { question = "Pat's question" } };
                break;
            case "DELETE /api/v1/responses/{responseId}":
                ids["responseId"] = $"{await w.QuestionAsync(w.Pat, "Soon withdrawn")}";
                break;
            case "POST /api/v1/responses/{responseId}/moderation":
                body = new { decision = "approve" };
                break;
            case "PUT /api/v1/responses/{responseId}/qa":
                body = new { pinned = true };
                break;
            case "GET /api/v1/activities/{activityId}/quiz":
            case "GET /api/v1/activities/{activityId}/leaderboard":
                ids["activityId"] = $"{(variant == "draft" ? w.DraftQuiz : w.RunningQuiz)}";
                break;
            case "POST /api/v1/sessions/{sessionId}/media":
                body = AccessWorld.ImageUpload();
                break;
            case "DELETE /api/v1/sessions/{sessionId}/media/{mediaId}":
                ids["mediaId"] = await w.FreshImageAsync();
                break;
            case "POST /api/v1/sessions/{sessionId}/webhooks":
                body = AccessWorld.WebhookBody;
                break;
            case "DELETE /api/v1/sessions/{sessionId}/webhooks/{webhookId}":
                ids["webhookId"] = $"{await w.FreshWebhookAsync()}";
                break;
            case "POST /api/v1/activities/{activityId}/quiz/actions":
                ids["activityId"] = $"{await w.FreshQuizAsync()}";
                body = new { action = "start" };
                break;
        }
        return new RouteCall(Fill(key[(key.IndexOf(' ') + 1)..], ids) + (query.Length > 0 ? "?" + query : ""), body, target);
    }

    /// <summary>The route pattern with every <c>{parameter}</c> replaced; a parameter the world has no value for fails with what to add.</summary>
    public static string Fill(string pattern, IReadOnlyDictionary<string, string> ids) => Parameter().Replace(pattern, m =>
        ids.TryGetValue(m.Groups[1].Value, out var value)
            ? Uri.EscapeDataString(value)
            : throw new InvalidOperationException(
                $"The access matrix does not know route parameter '{m.Groups[1].Value}' of {pattern}: give it a value in tests/Integration/Access/RouteCalls.cs."));

    public static IEnumerable<string> ParametersOf(string pattern) => Parameter().Matches(pattern).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"\{([A-Za-z]+)(?::[^}]*)?\}")]
    private static partial Regex Parameter();
}
