using System.Text.Json;
using Conflicto.Data.Events;
using Dapper;
using Npgsql;

namespace Conflicto.Data.Processing;

/// <summary>
/// Durable jobs and the processing status of their subjects. Every status change of a subject
/// is an event of its session, written with the change (so hosts see "analysing…" live).
/// Claims are atomic (a guarded UPDATE), so with several nodes each attempt runs once.
/// </summary>
public sealed partial class JobStore(NpgsqlDataSource dataSource, SessionUnits units)
{
    /// <summary>Queues a job for a subject inside the caller's transaction; a job already waiting for it is reused.</summary>
    internal static Task<Guid> EnqueueAsync(SessionTransaction tx, string kind, Guid subjectId, int maxAttempts, CancellationToken ct) =>
        tx.Connection.ExecuteScalarAsync<Guid>(tx.Command("""
            insert into processing_jobs (id, kind, subject_id, session_id, status, max_attempts, next_attempt_at, created_at, updated_at)
            values (@id, @kind, @subjectId, @sessionId, 'pending', @maxAttempts, @now, @now, @now)
            on conflict (kind, subject_id) where status = 'pending' do update set updated_at = excluded.updated_at
            returning id
            """, new { id = Guid.CreateVersion7(), kind, subjectId, sessionId = tx.Session.Id, maxAttempts, now = tx.Now }, ct))!;

    /// <summary>Claims the subject's waiting job for <paramref name="lease"/>, or returns null (not due, or another node has it).</summary>
    public async Task<JobRow?> ClaimAsync(string kind, Guid subjectId, int sessionId, string node, TimeSpan lease, CancellationToken ct)
    {
        await using var tx = await units.BeginAsync(sessionId, ct);
        if (tx is null) return null;
        var job = await tx.Connection.QuerySingleOrDefaultAsync<JobRow>(tx.Command("""
            update processing_jobs
            set status = 'processing', attempts = attempts + 1, lease_until = @now + @lease, claimed_by = @node,
                started_at = @now, error = null, updated_at = @now
            where kind = @kind and subject_id = @subjectId and status = 'pending' and next_attempt_at <= @now
            returning *
            """, new { kind, subjectId, node, lease, now = tx.Now }, ct));
        if (job is null) return null;
        if (await SubjectAsync(tx, job, ct) is null)
        {
            // Deleted while its job waited: nothing left to process (and no row to mark, so
            // SetSubjectAsync would throw, rolling the claim back and leaving the job pending forever).
            await FinishJobAsync(tx, job, node, ProcessingStates.Skipped, "The subject no longer exists.", null, null, ct);
            await tx.CommitAsync(ct);
            return null;
        }
        await SetSubjectAsync(tx, job, ProcessingStates.Processing, null, null, ct);
        await tx.CommitAsync(ct);
        return job;
    }

    /// <summary>Stores a successful result. If the subject changed meanwhile, the result is stale: the job ends skipped.</summary>
    public async Task<JobRow?> CompleteAsync(JobRow job, string node, JsonElement result, Func<JsonElement?, bool>? stillCurrent, CancellationToken ct)
    {
        await using var tx = await units.BeginAsync(job.SessionId, ct);
        if (tx is null) return null;
        var subject = await SubjectAsync(tx, job, ct);
        var current = subject is { Status: ProcessingStates.Processing } && (stillCurrent?.Invoke(subject.Input) ?? true);
        var status = current ? ProcessingStates.Completed : ProcessingStates.Skipped;
        var error = current ? null : subject is null ? "The subject no longer exists." : "Superseded: the subject changed while it was processed.";
        var done = await FinishJobAsync(tx, job, node, status, error, current ? result : null, null, ct);
        if (done is null) return null; // the lease was lost: another node reclaimed the job
        if (current) await SetSubjectAsync(tx, done, status, null, result, ct);
        await tx.CommitAsync(ct);
        return done;
    }

    /// <summary>Records a failed attempt; it is retried at <paramref name="retryAt"/> while attempts remain.</summary>
    public async Task<JobRow?> FailAsync(JobRow job, string node, string error, DateTime retryAt, CancellationToken ct)
    {
        await using var tx = await units.BeginAsync(job.SessionId, ct);
        if (tx is null) return null;
        var done = await FinishJobAsync(tx, job, node, ProcessingStates.Failed, error, null, retryAt, ct);
        if (done is null) return null;
        if (await SubjectAsync(tx, job, ct) is { Status: ProcessingStates.Processing }) await SetSubjectAsync(tx, done, ProcessingStates.Failed, error, null, ct);
        await tx.CommitAsync(ct);
        return done;
    }

    /// <summary>
    /// Gives a claimed job back (its node is shutting down): pending at once, lease cleared, the
    /// attempt not counted (the stop is not the job's failure), so another node claims it on its
    /// next sweep instead of after the lease expires. When the subject was queued again meanwhile
    /// (it changed while processed), that newer job does the work and this one ends skipped.
    /// </summary>
    public async Task<JobRow?> ReleaseAsync(JobRow job, string node, string reason, CancellationToken ct)
    {
        await using var tx = await units.BeginAsync(job.SessionId, ct);
        if (tx is null) return null;
        var waiting = await tx.Connection.ExecuteScalarAsync<bool>(tx.Command(
            "select exists (select 1 from processing_jobs where kind = @Kind and subject_id = @SubjectId and status = 'pending')", job, ct));
        if (waiting)
        {
            var skipped = await FinishJobAsync(tx, job, node, ProcessingStates.Skipped, "Superseded by a newer job for the same subject.", null, null, ct);
            await tx.CommitAsync(ct);
            return skipped;
        }
        var released = await tx.Connection.QuerySingleOrDefaultAsync<JobRow>(tx.Command("""
            update processing_jobs
            set status = 'pending', attempts = attempts - 1, lease_until = null, claimed_by = null, error = @reason,
                next_attempt_at = @now, updated_at = @now
            where id = @id and status = 'processing' and claimed_by = @node
            returning *
            """, new { id = job.Id, node, reason, now = tx.Now }, ct));
        if (released is null) return null; // the lease was lost: another node reclaimed the job
        if (await SubjectAsync(tx, job, ct) is { Status: ProcessingStates.Processing }) await SetSubjectAsync(tx, released, ProcessingStates.Pending, null, null, ct);
        await tx.CommitAsync(ct);
        return released;
    }

    private static Task<JobRow?> FinishJobAsync(SessionTransaction tx, JobRow job, string node, string status, string? error, JsonElement? result, DateTime? retryAt, CancellationToken ct) =>
        tx.Connection.QuerySingleOrDefaultAsync<JobRow>(tx.Command("""
            update processing_jobs
            set status = @status, error = @error, result = @result::jsonb, lease_until = null, updated_at = @now,
                completed_at = case when @status in ('completed', 'skipped') then @now else completed_at end,
                next_attempt_at = coalesce(@retryAt::timestamptz, next_attempt_at)
            where id = @id and status = 'processing' and claimed_by = @node
            returning *
            """, new { id = job.Id, node, status, error, result, retryAt, now = tx.Now }, ct));

    /// <summary>Moves due failed jobs with attempts left back to pending (automatic retry). Returns them.</summary>
    public Task<IReadOnlyList<JobRow>> RequeueDueFailuresAsync(int limit, CancellationToken ct) =>
        SweepAsync("status = 'failed' and attempts < max_attempts and next_attempt_at <= clock_timestamp()", limit,
            (tx, job) => RequeueAsync(tx, job, ct), ct);

    /// <summary>Fails jobs whose node stopped renewing its lease (a crash); they are then retried like any failure.</summary>
    public Task<IReadOnlyList<JobRow>> ReclaimExpiredAsync(int limit, CancellationToken ct) =>
        SweepAsync("status = 'processing' and lease_until < clock_timestamp()", limit, async (tx, job) =>
        {
            // A job handed to a workflow holds its lease until the callback deadline: expiring means no callback came.
            var waiting = await OpenWorkflowAttemptOfAsync(tx, job, ct);
            var error = waiting is null ? "Lease expired: the node processing this job stopped before finishing."
                : $"The workflow did not call back within {waiting.WindowSeconds} s (deadline {waiting.Deadline:yyyy-MM-ddTHH:mm:ssZ}).";
            var failed = await FinishJobAsync(tx, job, job.ClaimedBy ?? "", ProcessingStates.Failed, error, null, tx.Now, ct);
            if (failed is not null && waiting is not null) await CloseWorkflowAttemptAsync(tx, waiting.Id, WorkflowOutcomes.TimedOut, error, null, ct);
            if (failed is not null && await SubjectAsync(tx, job, ct) is { Status: ProcessingStates.Processing })
                await SetSubjectAsync(tx, failed, ProcessingStates.Failed, failed.Error, null, ct);
            return failed;
        }, ct);

    /// <summary>Host-requested retry: a failed job goes back to pending with one more attempt allowed.</summary>
    public async Task<JobRow?> RetryNowAsync(Guid jobId, int sessionId, CancellationToken ct)
    {
        await using var tx = await units.BeginAsync(sessionId, ct);
        if (tx is null) return null;
        var job = await tx.Connection.QuerySingleOrDefaultAsync<JobRow>(tx.Command(
            "select * from processing_jobs where id = @jobId and status = 'failed' for update", new { jobId }, ct));
        if (job is null) return null;
        await tx.Connection.ExecuteAsync(tx.Command(
            "update processing_jobs set max_attempts = greatest(max_attempts, attempts + 1), next_attempt_at = @now where id = @jobId",
            new { jobId, now = tx.Now }, ct));
        var pending = await RequeueAsync(tx, job with { MaxAttempts = Math.Max(job.MaxAttempts, job.Attempts + 1) }, ct);
        await tx.CommitAsync(ct);
        return pending;
    }

    /// <summary>Queues a subject for processing again (a host asked to re-run a finished analysis). Null when it does not exist.</summary>
    public async Task<JobRow?> RequeueSubjectAsync(string kind, Guid subjectId, int sessionId, int maxAttempts, CancellationToken ct)
    {
        await using var tx = await units.BeginAsync(sessionId, ct);
        if (tx is null) return null;
        var probe = new JobRow { Kind = kind, SubjectId = subjectId, SessionId = sessionId };
        if (await SubjectAsync(tx, probe, ct) is null) return null;
        var id = await EnqueueAsync(tx, kind, subjectId, maxAttempts, ct);
        var job = await tx.Connection.QuerySingleAsync<JobRow>(tx.Command("select * from processing_jobs where id = @id", new { id }, ct));
        await SetSubjectAsync(tx, job, ProcessingStates.Pending, null, null, ct);
        await tx.CommitAsync(ct);
        return job;
    }

    private static async Task<JobRow?> RequeueAsync(SessionTransaction tx, JobRow job, CancellationToken ct)
    {
        // The subject may have been queued again meanwhile (it changed): then that job does the work.
        var waiting = await tx.Connection.ExecuteScalarAsync<bool>(tx.Command(
            "select exists (select 1 from processing_jobs where kind = @Kind and subject_id = @SubjectId and status = 'pending')", job, ct));
        var status = waiting ? ProcessingStates.Skipped : ProcessingStates.Pending;
        var moved = await tx.Connection.QuerySingleOrDefaultAsync<JobRow>(tx.Command("""
            update processing_jobs set status = @status, updated_at = @now, next_attempt_at = @now,
                completed_at = case when @status = 'skipped' then @now else completed_at end,
                error = case when @status = 'skipped' then 'Superseded by a newer job for the same subject.' else error end
            where id = @id and status = 'failed'
            returning *
            """, new { id = job.Id, status, now = tx.Now }, ct));
        if (moved is { Status: ProcessingStates.Pending } && await SubjectAsync(tx, job, ct) is { Status: ProcessingStates.Failed })
            await SetSubjectAsync(tx, moved, ProcessingStates.Pending, null, null, ct);
        return moved;
    }

    private async Task<IReadOnlyList<JobRow>> SweepAsync(string condition, int limit, Func<SessionTransaction, JobRow, Task<JobRow?>> move, CancellationToken ct)
    {
        List<JobRow> candidates;
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        {
            candidates = (await connection.QueryAsync<JobRow>(new CommandDefinition(
                $"select * from processing_jobs where {condition} order by next_attempt_at limit @limit", new { limit }, cancellationToken: ct))).ToList();
        }
        var moved = new List<JobRow>();
        foreach (var job in candidates)
        {
            await using var tx = await units.BeginAsync(job.SessionId, ct);
            if (tx is null) continue;
            if (await move(tx, job) is { } result) moved.Add(result);
            await tx.CommitAsync(ct);
        }
        return moved;
    }

    private sealed record Subject
    {
        public string Status { get; init; } = "";
        public JsonElement? Input { get; init; }
        public Guid? ActivityId { get; init; }
    }

    private static Task<Subject?> SubjectAsync(SessionTransaction tx, JobRow job, CancellationToken ct) =>
        tx.Connection.QuerySingleOrDefaultAsync<Subject>(tx.Command(job.Kind == JobKinds.ActivityAnalysis
            ? "select processing_status as status, jsonb_build_object('activity_type', activity_type, 'configuration', configuration) as input, id as activity_id from activities where id = @SubjectId for update"
            : "select processing_status as status, response_data as input, activity_id from user_responses where id = @SubjectId for update", job, ct));

    private static async Task SetSubjectAsync(SessionTransaction tx, JobRow job, string status, string? error, JsonElement? result, CancellationToken ct)
    {
        var sql = job.Kind == JobKinds.ActivityAnalysis
            ? """
              update activities set processing_status = @status, updated_at = @now,
                  schema_render = case when @status = 'completed' then @result::jsonb else schema_render end,
                  processed_at = case when @status = 'completed' then @now else processed_at end
              where id = @subjectId
              returning id as activity_id, processed_at, state
              """
            : """
              update user_responses set processing_status = @status,
                  enrichment = case when @status = 'completed' then @result::jsonb else enrichment end,
                  moderation_verdict = case when @status = 'completed' then @result::jsonb -> 'moderation' ->> 'verdict' else moderation_verdict end,
                  moderation_reason = case when @status = 'completed' then @result::jsonb -> 'moderation' ->> 'reason' else moderation_reason end,
                  processed_at = case when @status = 'completed' then @now else processed_at end
              where id = @subjectId
              returning activity_id, processed_at, null::text as state
              """;
        var row = await tx.Connection.QuerySingleAsync<(Guid ActivityId, DateTime? ProcessedAt, string? State)>(tx.Command(sql, new { subjectId = job.SubjectId, status, result, now = tx.Now }, ct));
        // An analysis event carries its activity's state (read under the session lock), so the
        // realtime redaction can keep a draft's schema_render from everyone but the host.
        tx.Emit(job.Kind == JobKinds.ActivityAnalysis ? EventTypes.ActivityProcessing : EventTypes.ResponseProcessing,
            new ProcessingPayload(job.Kind, job.SubjectId, row.ActivityId, job.Id, status, job.Attempts, error, result, row.ProcessedAt, row.State));
    }
}
