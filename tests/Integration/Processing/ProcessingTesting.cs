using System.Text.Json;
using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;
using Dapper;
using Npgsql;

namespace Conflicto.Tests.Integration.Processing;

/// <summary>Waiting for processing to reach a state (bounded), reading it back, and looking at the job table directly.</summary>
internal static class ProcessingTesting
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>
    /// GET /activities/{id}/processing as the activity's host (<paramref name="adminCode"/>, else the
    /// one of the session this Api created it in): a draft's processing is the host's only.
    /// </summary>
    public static Task<JsonNode> ProcessingAsync(this Api api, Guid activityId, string? adminCode = null) =>
        api.GetJsonAsync($"/api/v1/activities/{activityId}/processing", adminCode: adminCode ?? api.AdminCodeOf(activityId));

    /// <summary>Polls GET /activities/{id}/processing (as its host) until <paramref name="done"/> holds; fails with the last answer at the deadline.</summary>
    public static async Task<JsonNode> WaitForProcessingAsync(this Api api, Guid activityId, Func<JsonNode, bool> done, TimeSpan? timeout = null, string? adminCode = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Deadline);
        while (true)
        {
            var body = await api.ProcessingAsync(activityId, adminCode);
            if (done(body)) return body;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Activity {activityId} processing did not get there: {body.ToJsonString()}");
            await Task.Delay(50);
        }
    }

    public static Task<JsonNode> WaitForStatusAsync(this Api api, Guid activityId, string status, TimeSpan? timeout = null, string? adminCode = null) =>
        api.WaitForProcessingAsync(activityId, b => Status(b) == status, timeout, adminCode);

    public static string? Status(JsonNode processing) => processing["processing_status"]?.GetValue<string>();

    /// <summary>Waits (bounded) until a condition on the database or the API holds.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Deadline);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(50);
        }
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, object? args = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return (await connection.ExecuteScalarAsync<T>(sql, args))!;
    }

    public static async Task<int> ExecuteAsync(string connectionString, string sql, object? args = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return await connection.ExecuteAsync(sql, args);
    }

    public sealed record JobFacts(Guid Id, Guid SubjectId, string Status, int Attempts, string? Error, string? ClaimedBy);

    public static async Task<IReadOnlyList<JobFacts>> JobsAsync(string connectionString, string kind = "activity_analysis")
    {
        await using var connection = new NpgsqlConnection(connectionString);
        var rows = await connection.QueryAsync<JobFacts>(
            "select id, subject_id as subjectid, status, attempts, error, claimed_by as claimedby from processing_jobs where kind = @kind", new { kind });
        return rows.ToList();
    }

    /// <summary>The <c>data</c> of the session's stored events of one type about one subject, in seq order.</summary>
    public static async Task<IReadOnlyList<JsonElement>> StoredEventsAsync(string connectionString, int sessionId, string type, Guid subjectId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        var rows = await connection.QueryAsync<string>(
            "select data::text from session_events where session_id = @sessionId and type = @type and data ->> 'subject_id' = @subject order by seq",
            new { sessionId, type, subject = subjectId.ToString() });
        return rows.Select(r => JsonDocument.Parse(r).RootElement.Clone()).ToList();
    }

    /// <summary>The processing statuses a hub client saw for one subject, in the order applied.</summary>
    public static IReadOnlyList<string?> ProcessingStatuses(this SessionHubClient client, string type, Guid subjectId) =>
        client.Events
            .Where(e => e.GetProperty("type").GetString() == type && e.GetProperty("data").GetProperty("subject_id").GetGuid() == subjectId)
            .Select(e => e.GetProperty("data").GetProperty("processing_status").GetString())
            .ToList();

    public static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    /// <summary>A unique title, so a scripted analyzer can single out the activity (put it in the configuration too, or the analysis cache answers).</summary>
    public static string UniqueTitle(string what) => $"{what} {Guid.NewGuid():N}";
}
