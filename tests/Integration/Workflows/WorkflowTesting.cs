using System.Text.Json.Nodes;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Processing;

namespace Conflicto.Tests.Integration.Workflows;

[CollectionDefinition(Name)]
public sealed class WorkflowCollection : ICollectionFixture<WorkflowFixture>
{
    public const string Name = "Workflows";
}

/// <summary>Reading a job, its workflow attempts and its subject back, to prove what changed and what did not.</summary>
internal static class WorkflowTesting
{
    public static Task<JsonNode> JobAsync(this Api api, Guid jobId, string adminCode) => api.GetJsonAsync($"/api/v1/jobs/{jobId}", adminCode: adminCode);

    public static JsonArray Attempts(JsonNode job) => job["workflow_attempts"]!.AsArray();

    /// <summary>Everything a callback could change about a job and its activity, as one string to compare before and after.</summary>
    public static Task<string> StateAsync(string connectionString, Guid jobId) => ProcessingTesting.ScalarAsync<string>(connectionString, """
        select concat_ws(' | ', j.status, j.attempts, j.error, j.result::text, j.updated_at, j.lease_until,
            a.processing_status, a.schema_render::text, a.updated_at, r.processing_status, r.enrichment::text,
            (select string_agg(concat_ws('/', w.attempt, w.outcome, w.callback_at, w.closed_at), ';' order by w.id) from workflow_attempts w where w.job_id = j.id),
            (select count(*) from session_events e where e.session_id = j.session_id))
        from processing_jobs j
        left join activities a on a.id = j.subject_id
        left join user_responses r on r.id = j.subject_id
        where j.id = @jobId
        """, new { jobId });

    /// <summary>Polls the job (as its host) until <paramref name="done"/> holds.</summary>
    public static async Task<JsonNode> WaitForJobAsync(this Api api, Guid jobId, string adminCode, Func<JsonNode, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + ProcessingTesting.Deadline;
        while (true)
        {
            var job = await api.JobAsync(jobId, adminCode);
            if (done(job)) return job;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}: {job.ToJsonString()}");
            await Task.Delay(50);
        }
    }

    public static string? Str(this JsonNode? node, string name) => node?[name]?.GetValue<string>();
}
