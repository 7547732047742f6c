using Conflicto.Data.Activities;
using Conflicto.Data.Events;
using Conflicto.Data.Infrastructure;
using Dapper;
using Npgsql;

namespace Conflicto.Data.Responses;

public sealed class ResponseStore(NpgsqlDataSource dataSource, SessionUnits units, Microsoft.Extensions.Options.IOptions<Processing.JobOptions> jobs)
{
    private const string Columns = "id, session_id, activity_id, participant_id, response_data, change_seq, coalesce(created_seq, change_seq) as created_seq, processing_status, moderation_verdict, moderation_reason, moderation_override, anonymous, pinned, answered, enrichment, created_at, updated_at";

    /// <summary>Replaces a response's data while its activity is still active.</summary>
    /// <param name="enrich">Free text: enrich and moderate the new text (the old verdict no longer applies).</param>
    /// <summary>
    /// Replaces a response's data under the session lock. <paramref name="rule"/> (the activity's
    /// per-participant limit) is checked against the participant's other responses there, so an
    /// edit cannot take a participant past a word cap or turn into a second vote for one question.
    /// </summary>
    public async Task<WriteResult<ResponseRow>> UpdateAsync(Guid id, System.Text.Json.JsonElement responseData, bool enrich, IParticipantRule? rule, CancellationToken ct)
    {
        var existing = await GetAsync(id, ct);
        if (existing is null) return WriteResult<ResponseRow>.NotFound($"Response {id} not found.");
        await using var tx = await units.BeginAsync(existing.SessionId, ct);
        var activity = tx is null ? null : await tx.Connection.QuerySingleOrDefaultAsync<ActivityRow>(tx.Command("select * from activities where id = @id", new { id = existing.ActivityId }, ct));
        if (tx is null || activity is null) return WriteResult<ResponseRow>.NotFound($"Response {id} not found.");
        if (tx.Session.Status == Sessions.SessionStatuses.Completed)
            return WriteResult<ResponseRow>.Conflict("The session is completed: its responses can no longer change.");
        if (activity.State != ActivityStates.Active)
            return WriteResult<ResponseRow>.Conflict($"The activity is closed for changes (state: {activity.State}).");
        if (rule is not null)
        {
            var others = (await tx.Connection.QueryAsync<ResponseRow>(tx.Command(
                $"select {Columns} from user_responses where activity_id = @activityId and participant_id = @participantId and id <> @id",
                new { activityId = existing.ActivityId, participantId = existing.ParticipantId, id }, ct))).ToList();
            if (rule.SameKeyAs(responseData, others) is not null)
                return WriteResult<ResponseRow>.Conflict("You already gave this answer in another response (one vote per question).");
            if (rule.OverBudgetWith(responseData, others) is { } why) return WriteResult<ResponseRow>.Conflict(why);
        }

        var row = await tx.Connection.QuerySingleOrDefaultAsync<ResponseRow>(tx.Command($"""
            update user_responses set response_data = @responseData, change_seq = @seq, updated_at = @now,
                processing_status = case when @enrich then 'pending' else processing_status end,
                moderation_verdict = case when @enrich then null else moderation_verdict end,
                moderation_reason = case when @enrich then null else moderation_reason end
            where id = @id
            returning {Columns}
            """, new { id, responseData, enrich, seq = tx.NextSeq, now = tx.Now }, ct));
        if (row is null) return WriteResult<ResponseRow>.NotFound($"Response {id} not found.");
        if (enrich) await Processing.JobStore.EnqueueAsync(tx, Processing.JobKinds.ResponseEnrichment, id, jobs.Value.MaxAttempts, ct);
        await tx.Connection.ExecuteAsync(tx.Command("update activities set last_response_at = @now where id = @id", new { now = tx.Now, id = activity.Id }, ct));
        // The flag recorded when the response was given, not today's configuration: an edit never reveals its author.
        tx.Emit(EventTypes.ResponseUpdated, ResponsePayload.From(row, row.Anonymous));
        var events = await tx.CommitAsync(ct);
        return WriteResult<ResponseRow>.Ok(row, events);
    }

    public async Task<WriteResult<ResponseRow>> DeleteAsync(Guid id, CancellationToken ct)
    {
        var existing = await GetAsync(id, ct);
        if (existing is null) return WriteResult<ResponseRow>.NotFound($"Response {id} not found.");
        await using var tx = await units.BeginAsync(existing.SessionId, ct);
        if (tx is null) return WriteResult<ResponseRow>.NotFound($"Response {id} not found.");
        var row = await tx.Connection.QuerySingleOrDefaultAsync<ResponseRow>(tx.Command(
            $"delete from user_responses where id = @id returning {Columns}", new { id }, ct));
        if (row is null) return WriteResult<ResponseRow>.NotFound($"Response {id} not found.");
        await tx.Connection.ExecuteAsync(tx.Command(
            "update activities set response_count = response_count - 1 where id = @id", new { id = row.ActivityId }, ct));
        tx.Emit(EventTypes.ResponseDeleted, ResponsePayload.From(row, row.Anonymous, includeData: false));
        var events = await tx.CommitAsync(ct);
        return WriteResult<ResponseRow>.Ok(row, events);
    }

    /// <summary>The host's moderation decision (approve / reject) on a response; an event tells everyone.</summary>
    public async Task<WriteResult<ResponseRow>> OverrideModerationAsync(Guid id, string decision, CancellationToken ct)
    {
        var existing = await GetAsync(id, ct);
        if (existing is null) return WriteResult<ResponseRow>.NotFound($"Response {id} not found.");
        await using var tx = await units.BeginAsync(existing.SessionId, ct);
        if (tx is null) return WriteResult<ResponseRow>.NotFound($"Response {id} not found.");
        var row = await tx.Connection.QuerySingleOrDefaultAsync<ResponseRow>(tx.Command(
            $"update user_responses set moderation_override = @decision where id = @id returning {Columns}", new { id, decision }, ct));
        if (row is null) return WriteResult<ResponseRow>.NotFound($"Response {id} not found.");
        tx.Emit(EventTypes.ResponseModerated, new { id, activity_id = row.ActivityId, participant_id = row.ParticipantId, anonymous = row.Anonymous, moderation_verdict = row.ModerationVerdict, moderation_reason = row.ModerationReason, moderation_override = decision });
        var events = await tx.CommitAsync(ct);
        return WriteResult<ResponseRow>.Ok(row, events);
    }

    /// <summary>
    /// The host's marks on a Q&amp;A question, under the session lock, with one <c>response.marked</c>
    /// event. A null mark stays as it is. Only one question of an activity is pinned: pinning one
    /// unpins the one before (the event names it). Marking a question answered moves it to the
    /// archive and so unpins it; pinning an answered question brings it back (no longer answered).
    /// Allowed in every state of the activity and session: hosts mark questions after the Q&amp;A closed.
    /// </summary>
    public async Task<WriteResult<ResponseRow>> MarkQuestionAsync(Guid id, bool? pinned, bool? answered, CancellationToken ct)
    {
        var existing = await GetAsync(id, ct);
        if (existing is null) return WriteResult<ResponseRow>.NotFound($"Response {id} not found.");
        await using var tx = await units.BeginAsync(existing.SessionId, ct);
        if (tx is null) return WriteResult<ResponseRow>.NotFound($"Response {id} not found.");
        var current = await tx.Connection.QuerySingleOrDefaultAsync<ResponseRow>(tx.Command($"select {Columns} from user_responses where id = @id", new { id }, ct));
        if (current is null) return WriteResult<ResponseRow>.NotFound($"Response {id} not found.");
        var pin = pinned ?? (answered == true ? false : current.Pinned);
        var answer = answered ?? (pinned == true ? false : current.Answered);
        // The session lock serialises marks, so reading and clearing the previous pin here cannot race another pin.
        var unpinned = pin
            ? await tx.Connection.QuerySingleOrDefaultAsync<Guid?>(tx.Command(
                "update user_responses set pinned = false where activity_id = @activityId and pinned and id <> @id returning id",
                new { activityId = current.ActivityId, id }, ct))
            : null;
        var row = await tx.Connection.QuerySingleAsync<ResponseRow>(tx.Command(
            $"update user_responses set pinned = @pin, answered = @answer where id = @id returning {Columns}", new { id, pin, answer }, ct));
        tx.Emit(EventTypes.ResponseMarked, new { id, activity_id = row.ActivityId, participant_id = row.ParticipantId, anonymous = row.Anonymous, pinned = row.Pinned, answered = row.Answered, unpinned_id = unpinned });
        var events = await tx.CommitAsync(ct);
        return WriteResult<ResponseRow>.Ok(row, events);
    }

    public async Task<ResponseRow?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<ResponseRow>(new CommandDefinition($"select {Columns} from user_responses where id = @id", new { id }, cancellationToken: ct));
    }

    public async Task<(IReadOnlyList<ResponseRow> Rows, ResponseSummary Summary)> ListByActivityAsync(Guid activityId, int offset, int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var summary = await connection.QuerySingleAsync<ResponseSummary>(new CommandDefinition("""
            select count(*)::int as total_responses, count(distinct participant_id)::int as unique_participants, max(updated_at) as last_updated
            from user_responses where activity_id = @activityId
            """, new { activityId }, cancellationToken: ct));
        var rows = await connection.QueryAsync<ResponseRow>(new CommandDefinition(
            $"select {Columns} from user_responses where activity_id = @activityId order by created_at, id offset @offset limit @limit",
            new { activityId, offset, limit }, cancellationToken: ct));
        return (rows.ToList(), summary);
    }

    /// <summary>All responses of an activity, for computing its results.</summary>
    public async Task<IReadOnlyList<ResponseRow>> ListAllAsync(Guid activityId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<ResponseRow>(new CommandDefinition(
            $"select {Columns} from user_responses where activity_id = @activityId order by change_seq", new { activityId }, cancellationToken: ct));
        return rows.ToList();
    }

    public async Task<ResponseRow?> GetLatestForParticipantAsync(Guid activityId, int participantId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QueryFirstOrDefaultAsync<ResponseRow>(new CommandDefinition(
            $"select {Columns} from user_responses where activity_id = @activityId and participant_id = @participantId order by created_at desc, id desc limit 1",
            new { activityId, participantId }, cancellationToken: ct));
    }

    /// <summary>
    /// A participant's latest response to an activity that was not given anonymously (what its
    /// host may read), and whether the activity holds any anonymous response. Both are read in
    /// one round trip; neither tells anything about this participant's anonymous answers.
    /// </summary>
    public async Task<(ResponseRow? Latest, bool AnyAnonymous)> GetLatestIdentifiedAsync(Guid activityId, int participantId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition($"""
            select {Columns} from user_responses
            where activity_id = @activityId and participant_id = @participantId and not anonymous
            order by created_at desc, id desc limit 1;
            select exists (select 1 from user_responses where activity_id = @activityId and anonymous)
            """, new { activityId, participantId }, cancellationToken: ct));
        var latest = await grid.ReadFirstOrDefaultAsync<ResponseRow>();
        return (latest, await grid.ReadSingleAsync<bool>());
    }

    /// <summary>
    /// A participant's responses in a session. <paramref name="excludeAnonymous"/> leaves out
    /// the ones given anonymously (the flag recorded with each response), in SQL so that paging
    /// stays exact.
    /// </summary>
    public async Task<IReadOnlyList<ResponseRow>> ListByParticipantAsync(int sessionId, int participantId, bool excludeAnonymous, int offset, int limit, CancellationToken ct)
    {
        const string sql = $"""
            select {Columns} from user_responses
            where session_id = @sessionId and participant_id = @participantId and not (@excludeAnonymous and anonymous)
            order by created_at, id offset @offset limit @limit
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<ResponseRow>(new CommandDefinition(sql, new { sessionId, participantId, excludeAnonymous, offset, limit }, cancellationToken: ct));
        return rows.ToList();
    }

    /// <summary>
    /// Responses created or edited after a point, oldest change first. Both markers are safe
    /// against late commits: change_seq and updated_at are assigned under the session lock, so a
    /// row that commits later always carries a larger value than everything committed before it.
    /// </summary>
    public async Task<IReadOnlyList<ResponseRow>> ListChangedSinceAsync(Guid activityId, DateTime? since, long? afterSeq, int limit, CancellationToken ct)
    {
        const string sql = $"""
            select {Columns} from user_responses
            where activity_id = @activityId
              and (@afterSeq::bigint is null or change_seq > @afterSeq)
              and (@since::timestamptz is null or updated_at > @since)
            order by change_seq
            limit @limit
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<ResponseRow>(new CommandDefinition(sql, new { activityId, since, afterSeq, limit }, cancellationToken: ct));
        return rows.ToList();
    }
}
