using System.Text.Json;
using Conflicto.Data.Events;
using Dapper;

namespace Conflicto.Data.Processing;

/// <summary>
/// Jobs handed to an external workflow: the attempt is opened (token hash stored, lease moved to
/// the callback deadline) before the post, and the callback is applied through the same guarded
/// updates as a local result, only while the attempt still holds the job's lease.
/// </summary>
public sealed partial class JobStore
{
    /// <summary>
    /// Opens a workflow attempt of a job this node holds: earlier open attempts of the job are
    /// superseded, and the lease runs until the callback deadline (<paramref name="window"/> from now).
    /// Null when the node no longer holds the job.
    /// </summary>
    public async Task<WorkflowAttemptRow?> OpenWorkflowAttemptAsync(JobRow job, string node, byte[] tokenHash, string subjectHash, TimeSpan window, CancellationToken ct)
    {
        await using var tx = await units.BeginAsync(job.SessionId, ct);
        if (tx is null) return null;
        var deadline = tx.Now + window;
        var held = await tx.Connection.ExecuteAsync(tx.Command("""
            update processing_jobs set lease_until = @deadline, updated_at = @now
            where id = @id and status = 'processing' and claimed_by = @node and attempts = @attempts
            """, new { id = job.Id, node, attempts = job.Attempts, deadline, now = tx.Now }, ct));
        if (held == 0) return null;
        await tx.Connection.ExecuteAsync(tx.Command("""
            update workflow_attempts set outcome = 'superseded', outcome_detail = 'A newer attempt of the job was posted.', closed_at = @now
            where job_id = @id and closed_at is null
            """, new { id = job.Id, now = tx.Now }, ct));
        var row = await tx.Connection.QuerySingleAsync<WorkflowAttemptRow>(tx.Command("""
            insert into workflow_attempts (job_id, attempt, token_hash, subject_hash, posted_at, deadline)
            values (@id, @attempts, @tokenHash, @subjectHash, @now, @deadline)
            returning *
            """, new { id = job.Id, attempts = job.Attempts, tokenHash, subjectHash, now = tx.Now, deadline }, ct));
        await tx.CommitAsync(ct);
        return row;
    }

    /// <summary>Records the workflow's answer to the post; a failed post (<paramref name="failed"/>) ends the attempt unless a callback already did.</summary>
    public async Task RecordWorkflowPostAsync(long attemptId, int? httpStatus, string? error, bool failed, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            update workflow_attempts set http_status = @httpStatus, responded_at = clock_timestamp(), post_error = @error,
                outcome = case when @failed and closed_at is null then 'post_failed' else outcome end,
                outcome_detail = case when @failed and closed_at is null then @error else outcome_detail end,
                closed_at = case when @failed and closed_at is null then clock_timestamp() else closed_at end
            where id = @attemptId
            """, new { attemptId, httpStatus, error, failed }, cancellationToken: ct));
    }

    /// <summary>
    /// Whether a callback with this token may be applied now (read without locking; <see cref="ApplyCallbackAsync"/>
    /// checks again). A null <paramref name="tokenHash"/> (a token of the wrong shape) matches no attempt.
    /// </summary>
    public async Task<CallbackResult> CheckCallbackAsync(Guid jobId, byte[]? tokenHash, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var job = await connection.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition(
            "select * from processing_jobs where id = @jobId", new { jobId }, cancellationToken: ct));
        var attempt = job is null || tokenHash is null ? null : await connection.QuerySingleOrDefaultAsync<WorkflowAttemptRow>(new CommandDefinition(
            "select * from workflow_attempts where token_hash = @tokenHash and job_id = @jobId", new { tokenHash, jobId }, cancellationToken: ct));
        var now = await connection.ExecuteScalarAsync<DateTime>(new CommandDefinition("select clock_timestamp()", cancellationToken: ct));
        return Judge(jobId, job, attempt, now);
    }

    /// <summary>
    /// Applies a workflow's callback: <paramref name="callbackStatus"/> <c>completed</c> stores
    /// <paramref name="result"/> (or ends the job skipped when the subject changed since the post);
    /// <c>failed</c> or <c>invalid</c> fail the attempt with <paramref name="error"/>, retried at
    /// <paramref name="retryAt"/>. Nothing changes unless the token's attempt still holds the lease.
    /// </summary>
    public async Task<CallbackResult> ApplyCallbackAsync(
        Guid jobId, int sessionId, byte[] tokenHash, string callbackStatus, JsonElement? result, string? error, DateTime retryAt, CancellationToken ct)
    {
        await using var tx = await units.BeginAsync(sessionId, ct);
        if (tx is null) return new CallbackResult(CallbackVerdict.UnknownJob, $"Job {jobId} not found.");
        var job = await tx.Connection.QuerySingleOrDefaultAsync<JobRow>(tx.Command(
            "select * from processing_jobs where id = @jobId for update", new { jobId }, ct));
        var attempt = job is null ? null : await tx.Connection.QuerySingleOrDefaultAsync<WorkflowAttemptRow>(tx.Command(
            "select * from workflow_attempts where token_hash = @tokenHash and job_id = @jobId for update", new { tokenHash, jobId }, ct));
        if (Judge(jobId, job, attempt, tx.Now) is { Verdict: not CallbackVerdict.Applied } refused) return refused;

        JobRow? done;
        string outcome;
        if (callbackStatus == WorkflowOutcomes.Completed)
        {
            var subject = await SubjectAsync(tx, job!, ct);
            var current = subject is { Status: ProcessingStates.Processing } && WorkflowSubjectHash.Of(job!.Kind, subject.Input) == attempt!.SubjectHash;
            var status = current ? ProcessingStates.Completed : ProcessingStates.Skipped;
            error = current ? null : subject is null ? "The subject no longer exists." : "Superseded: the subject changed while the workflow processed it.";
            done = await FinishJobAsync(tx, job!, job!.ClaimedBy ?? "", status, error, current ? result : null, null, ct);
            if (done is not null && current) await SetSubjectAsync(tx, done, status, null, result, ct);
            outcome = current ? WorkflowOutcomes.Completed : WorkflowOutcomes.Skipped;
        }
        else
        {
            done = await FinishJobAsync(tx, job!, job!.ClaimedBy ?? "", ProcessingStates.Failed, error, null, retryAt, ct);
            if (done is not null && await SubjectAsync(tx, job, ct) is { Status: ProcessingStates.Processing })
                await SetSubjectAsync(tx, done, ProcessingStates.Failed, error, null, ct);
            outcome = callbackStatus == WorkflowOutcomes.Invalid ? WorkflowOutcomes.Invalid : WorkflowOutcomes.Failed;
        }
        if (done is null) return new CallbackResult(CallbackVerdict.Expired, $"Attempt {attempt!.Attempt} no longer holds job {jobId}.", job, attempt);
        await CloseWorkflowAttemptAsync(tx, attempt!.Id, outcome, error, callbackStatus, ct);
        await tx.CommitAsync(ct);
        return new CallbackResult(CallbackVerdict.Applied, outcome, done, attempt);
    }

    /// <summary>The one rule for whether a callback counts: the token is this job's, unused, and its attempt still holds the lease.</summary>
    private static CallbackResult Judge(Guid jobId, JobRow? job, WorkflowAttemptRow? attempt, DateTime now)
    {
        if (job is null) return new CallbackResult(CallbackVerdict.UnknownJob, $"Job {jobId} not found.");
        if (attempt is null) return new CallbackResult(CallbackVerdict.WrongToken, $"The callback token is not one issued for job {jobId}.", job);
        if (attempt.CallbackAt is { } used)
            return new CallbackResult(CallbackVerdict.AlreadyUsed, $"The callback token of attempt {attempt.Attempt} was already used at {used:yyyy-MM-ddTHH:mm:ssZ}.", job, attempt);
        if (attempt.ClosedAt is not null)
            return new CallbackResult(CallbackVerdict.Expired, $"Attempt {attempt.Attempt} is over ({attempt.Outcome}: {attempt.OutcomeDetail})", job, attempt);
        if (job.Status != ProcessingStates.Processing || job.Attempts != attempt.Attempt)
            return new CallbackResult(CallbackVerdict.Expired,
                $"Attempt {attempt.Attempt} is no longer running: the job is {job.Status} after attempt {job.Attempts}.", job, attempt);
        if (job.LeaseUntil is not { } lease || lease <= now)
            return new CallbackResult(CallbackVerdict.Expired, $"The deadline of attempt {attempt.Attempt} passed at {attempt.Deadline:yyyy-MM-ddTHH:mm:ssZ}.", job, attempt);
        return new CallbackResult(CallbackVerdict.Applied, "", job, attempt);
    }

    private static Task<WorkflowAttemptRow?> OpenWorkflowAttemptOfAsync(SessionTransaction tx, JobRow job, CancellationToken ct) =>
        tx.Connection.QuerySingleOrDefaultAsync<WorkflowAttemptRow>(tx.Command(
            "select * from workflow_attempts where job_id = @Id and attempt = @Attempts and closed_at is null order by id desc limit 1", job, ct));

    private static Task CloseWorkflowAttemptAsync(SessionTransaction tx, long id, string outcome, string? detail, string? callbackStatus, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(tx.Command("""
            update workflow_attempts set outcome = @outcome, outcome_detail = @detail, closed_at = @now,
                callback_status = coalesce(@callbackStatus, callback_status),
                callback_at = case when @callbackStatus is null then callback_at else @now end
            where id = @id
            """, new { id, outcome, detail, callbackStatus, now = tx.Now }, ct));
}
