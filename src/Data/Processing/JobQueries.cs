using System.Data;
using Conflicto.Data.Activities;
using Dapper;
using Npgsql;

namespace Conflicto.Data.Processing;

/// <summary>Reads of the job log: by status with paging (newest first), by id, by subject, and queue counts.</summary>
public sealed class JobQueries(NpgsqlDataSource dataSource)
{
    /// <summary>Jobs, most recent first, optionally of one session and/or one status.</summary>
    public async Task<(IReadOnlyList<JobRow> Rows, int Total)> ListAsync(int? sessionId, string? status, int limit, int offset, CancellationToken ct)
    {
        const string filter = "where (@status::text is null or status = @status) and (@sessionId::int is null or session_id = @sessionId)";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition($"select count(*)::int from processing_jobs {filter}", new { status, sessionId }, cancellationToken: ct));
        var rows = await connection.QueryAsync<JobRow>(new CommandDefinition(
            $"select * from processing_jobs {filter} order by created_at desc, id desc limit @limit offset @offset",
            new { status, sessionId, limit, offset }, cancellationToken: ct));
        return (rows.ToList(), total);
    }

    public async Task<JobRow?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition("select * from processing_jobs where id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>The workflow attempts of these jobs (the external ones), by job, oldest first.</summary>
    public async Task<ILookup<Guid, WorkflowAttemptRow>> WorkflowAttemptsAsync(IReadOnlyCollection<Guid> jobIds, CancellationToken ct)
    {
        if (jobIds.Count == 0) return Array.Empty<WorkflowAttemptRow>().ToLookup(a => a.JobId);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<WorkflowAttemptRow>(new CommandDefinition(
            "select * from workflow_attempts where job_id = any(@ids) order by job_id, id", new { ids = jobIds.ToArray() }, cancellationToken: ct));
        return rows.ToLookup(a => a.JobId);
    }

    /// <summary>The subject's most recent job.</summary>
    public async Task<JobRow?> LatestForSubjectAsync(string kind, Guid subjectId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QueryFirstOrDefaultAsync<JobRow>(new CommandDefinition(
            "select * from processing_jobs where kind = @kind and subject_id = @subjectId order by created_at desc, id desc limit 1",
            new { kind, subjectId }, cancellationToken: ct));
    }

    /// <summary>
    /// An activity and its latest analysis job, read in one snapshot. Read one after the other,
    /// a retry starting in between paired the failed attempt's activity status with the running
    /// job, which looked like "failed for good" while attempt 3 was under way.
    /// </summary>
    public async Task<(ActivityRow Activity, JobRow? Job)?> ActivityAnalysisAsync(Guid activityId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition("""
            select * from activities where id = @activityId;
            select * from processing_jobs where kind = @kind and subject_id = @activityId order by created_at desc, id desc limit 1
            """, new { activityId, kind = JobKinds.ActivityAnalysis }, tx, cancellationToken: ct));
        var activity = await grid.ReadSingleOrDefaultAsync<ActivityRow>();
        var job = await grid.ReadFirstOrDefaultAsync<JobRow>();
        await tx.CommitAsync(ct);
        return activity is null ? null : (activity, job);
    }

    /// <summary>Pending jobs that are due, oldest first: what a node should have queued.</summary>
    public async Task<IReadOnlyList<JobRow>> ListDuePendingAsync(int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<JobRow>(new CommandDefinition(
            "select * from processing_jobs where status = 'pending' and next_attempt_at <= clock_timestamp() order by next_attempt_at limit @limit",
            new { limit }, cancellationToken: ct));
        return rows.ToList();
    }

    public async Task<JobCounts> CountsAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleAsync<JobCounts>(new CommandDefinition("""
            select count(*) filter (where status = 'pending')::int as pending,
                   count(*) filter (where status = 'processing')::int as processing,
                   count(*) filter (where status = 'failed')::int as failed,
                   count(*) filter (where status = 'completed')::int as completed,
                   count(*) filter (where status = 'skipped')::int as skipped,
                   min(created_at) filter (where status = 'pending') as oldestpendingat,
                   count(*) filter (where status = 'failed' and updated_at > clock_timestamp() - interval '1 hour')::int as failedlasthour
            from processing_jobs
            """, cancellationToken: ct));
    }
}
