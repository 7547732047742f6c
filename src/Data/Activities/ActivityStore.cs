using System.Text.Json;
using System.Text.Json.Nodes;
using Conflicto.Data.Events;
using Conflicto.Data.Infrastructure;
using Conflicto.Data.Processing;
using Dapper;
using Npgsql;

namespace Conflicto.Data.Activities;

public sealed class ActivityStore(NpgsqlDataSource dataSource, SessionUnits units, Microsoft.Extensions.Options.IOptions<JobOptions> jobs)
{
    private const string Select = "select * from activities";

    /// <summary>Creates an activity; one created active closes the session's open ones (see <see cref="OpenAsync"/>).</summary>
    public async Task<WriteResult<ActivityRow>> CreateAsync(int sessionId, NewActivity activity, CancellationToken ct, bool keepOthersOpen = false)
    {
        await using var tx = await units.BeginAsync(sessionId, ct);
        if (tx is null) return WriteResult<ActivityRow>.NotFound($"Session {sessionId} not found.");
        if (activity.State == ActivityStates.Active && await OpenAsync(tx, null, keepOthersOpen, ct) is { } refused) return refused;

        const string insert = """
            insert into activities (id, session_id, activity_type, title, description, configuration, activity_metadata,
                                    status, state, order_index, started_at, expires_at, processing_status, created_at, updated_at)
            values (@id, @sessionId, @ActivityType, @Title, @Description, @Configuration, @ActivityMetadata,
                    @Status, @State, @OrderIndex, @startedAt, @expiresAt, 'pending', @now, @now)
            returning *
            """;
        var active = activity.State == ActivityStates.Active;
        var parameters = new
        {
            id = Guid.CreateVersion7(), sessionId, activity.ActivityType, activity.Title, activity.Description,
            activity.Configuration, activity.ActivityMetadata, activity.Status, activity.State, activity.OrderIndex,
            startedAt = active ? tx.Now : (DateTime?)null,
            expiresAt = active ? ActivityTimers.ExpiresAt(activity.Configuration, activity.ActivityMetadata, tx.Now) : null,
            now = tx.Now,
        };
        var row = await tx.Connection.QuerySingleAsync<ActivityRow>(tx.Command(insert, parameters, ct));
        // Every new activity is analysed; the job is durable with the activity (nothing to lose on a crash).
        await JobStore.EnqueueAsync(tx, JobKinds.ActivityAnalysis, row.Id, jobs.Value.MaxAttempts, ct);
        return await CommitAsync(tx, EventTypes.ActivityCreated, row, ct);
    }

    public async Task<ActivityRow?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<ActivityRow>(new CommandDefinition($"{Select} where id = @id", new { id }, cancellationToken: ct));
    }

    public async Task<(IReadOnlyList<ActivityRow> Rows, int Total)> ListAsync(int sessionId, string? legacyStatus, int offset, int limit, CancellationToken ct)
    {
        const string filter = "where session_id = @sessionId and (@legacyStatus::text is null or status = @legacyStatus)";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition($"select count(*)::int from activities {filter}", new { sessionId, legacyStatus }, cancellationToken: ct));
        var rows = await connection.QueryAsync<ActivityRow>(new CommandDefinition(
            $"{Select} {filter} order by order_index, created_at, id offset @offset limit @limit",
            new { sessionId, legacyStatus, offset, limit }, cancellationToken: ct));
        return (rows.ToList(), total);
    }

    /// <summary>The activity participants should see now: the session's <see cref="CurrentActivity"/>.</summary>
    public async Task<ActivityRow?> GetActiveAsync(int sessionId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<ActivityRow>(new CommandDefinition(
            $"{Select} where id = {CurrentActivity.IdOf("@sessionId")}", new { sessionId }, cancellationToken: ct));
    }

    /// <summary>Active activities whose time limit has passed.</summary>
    public async Task<IReadOnlyList<Guid>> ListDueForExpiryAsync(DateTime now, int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var ids = await connection.QueryAsync<Guid>(new CommandDefinition(
            "select id from activities where state = 'active' and expires_at <= @now order by expires_at limit @limit",
            new { now, limit }, cancellationToken: ct));
        return ids.ToList();
    }

    /// <summary>Updates an activity; a legacy status that opens it closes the session's open ones unless <paramref name="keepOthersOpen"/>.</summary>
    /// <summary>
    /// Changes an activity under the session lock. <paramref name="refuse"/>, when given, sees the
    /// activity and its quiz run (null if it has none) under that lock and may refuse the change
    /// (409 with its reason): a quiz cannot start between the check and the write.
    /// </summary>
    public async Task<WriteResult<ActivityRow>> UpdateAsync(Guid id, ActivityPatch patch, CancellationToken ct, bool keepOthersOpen = false,
        Func<ActivityRow, Quiz.QuizRun?, string?>? refuse = null)
    {
        return await WithLockedActivityAsync(id, async (tx, current) =>
        {
            if (refuse is not null && refuse(current, await Quiz.QuizStore.GetLockedAsync(tx, id, ct)) is { } why)
                return WriteResult<ActivityRow>.Conflict(why);
            var state = patch.LegacyStatus is null ? current.State : ActivityStates.FromLegacyStatus(patch.LegacyStatus);
            var status = patch.LegacyStatus ?? current.Status;
            if (state == ActivityStates.Active && current.State != ActivityStates.Active
                && await OpenAsync(tx, current.Id, keepOthersOpen, ct) is { } refused) return refused;
            var row = await WriteAsync(tx, current, patch, state, status, ct);
            if (state == current.State && status == current.Status) return await CommitAsync(tx, EventTypes.ActivityUpdated, row, ct);
            return await CommitAsync(tx, EventTypes.ActivityStateChanged, StateChangedPayload(row, current.State), row, ct);
        }, ct);
    }

    /// <summary>
    /// Moves an activity through the framework state machine, checked under the session lock.
    /// Opening it closes the session's other open activities unless <paramref name="keepOthersOpen"/>.
    /// </summary>
    public async Task<WriteResult<ActivityRow>> TransitionAsync(Guid id, string targetState, bool force, bool keepOthersOpen, CancellationToken ct)
    {
        return await WithLockedActivityAsync(id, async (tx, current) =>
        {
            if (!ActivityStates.CanTransition(current.State, targetState, force))
            {
                var allowed = ActivityStates.ValidTransitions(current.State);
                return WriteResult<ActivityRow>.Conflict(
                    $"Cannot transition from '{current.State}' to '{targetState}'. Valid transitions: {(allowed.Count == 0 ? "none" : string.Join(", ", allowed))}.");
            }
            if (targetState == ActivityStates.Active && await OpenAsync(tx, current.Id, keepOthersOpen, ct) is { } refused) return refused;
            var row = await WriteAsync(tx, current, new ActivityPatch(), targetState, ActivityStates.ToLegacyStatus(targetState), ct);
            return await CommitAsync(tx, EventTypes.ActivityStateChanged, StateChangedPayload(row, current.State), row, ct);
        }, ct);
    }

    public async Task<WriteResult<ActivityDeleted>> DeleteAsync(Guid id, CancellationToken ct)
    {
        var sessionId = await SessionOfAsync(id, ct);
        if (sessionId is null) return WriteResult<ActivityDeleted>.NotFound($"Activity {id} not found.");
        await using var tx = await units.BeginAsync(sessionId.Value, ct);
        if (tx is null) return WriteResult<ActivityDeleted>.NotFound($"Activity {id} not found.");
        var deleted = await tx.Connection.ExecuteAsync(tx.Command("delete from activities where id = @id", new { id }, ct));
        if (deleted == 0) return WriteResult<ActivityDeleted>.NotFound($"Activity {id} not found.");
        var payload = new ActivityDeleted(id, sessionId.Value);
        tx.Emit(EventTypes.ActivityDeleted, payload);
        var events = await tx.CommitAsync(ct);
        return WriteResult<ActivityDeleted>.Ok(payload, events);
    }

    /// <summary>
    /// The rule for opening an activity, whichever door it comes through, under the session lock:
    /// a completed session opens nothing (409), and the session's other open activities are
    /// expired first (their events precede the opening's) unless the host keeps them open.
    /// Returns the refusal, or null to go on.
    /// </summary>
    private static async Task<WriteResult<ActivityRow>?> OpenAsync(SessionTransaction tx, Guid? opening, bool keepOthersOpen, CancellationToken ct)
    {
        if (tx.Session.Status == Sessions.SessionStatuses.Completed)
            return WriteResult<ActivityRow>.Conflict("The session is completed: its activities cannot be opened.");
        if (!keepOthersOpen) await ExpireOpenAsync(tx, opening, ct);
        return null;
    }

    /// <summary>
    /// Expires every active activity of the locked session except <paramref name="except"/>, each
    /// with its own <c>activity.state_changed</c> event (the activity as stored, like any state
    /// change; oldest opened first). Used when another activity opens and when the session completes.
    /// </summary>
    internal static async Task<IReadOnlyList<ActivityRow>> ExpireOpenAsync(SessionTransaction tx, Guid? except, CancellationToken ct)
    {
        const string expire = """
            update activities set state = 'expired', status = 'completed', completed_at = @now, expires_at = null, updated_at = @now
            where session_id = @sessionId and state = 'active' and (@except::uuid is null or id <> @except)
            returning *
            """;
        var rows = (await tx.Connection.QueryAsync<ActivityRow>(tx.Command(expire, new { sessionId = tx.Session.Id, except, now = tx.Now }, ct)))
            .OrderBy(r => r.StartedAt).ThenBy(r => r.Id).ToList();
        foreach (var row in rows) tx.Emit(EventTypes.ActivityStateChanged, StateChangedPayload(row, ActivityStates.Active));
        return rows;
    }

    /// <summary>
    /// The payload of <c>activity.state_changed</c>: the activity as stored, plus the state it left
    /// (<c>previous_state</c>), so a receiver can tell a reveal (out of draft) from a plain move
    /// and slim streams can leave the unchanged documents out.
    /// </summary>
    public static JsonObject StateChangedPayload(ActivityRow row, string previousState)
    {
        var payload = JsonSerializer.SerializeToNode(row, Json.Options)!.AsObject();
        payload["previous_state"] = previousState;
        return payload;
    }

    private async Task<ActivityRow> WriteAsync(SessionTransaction tx, ActivityRow current, ActivityPatch patch, string state, string status, CancellationToken ct)
    {
        var configuration = patch.Configuration ?? current.Configuration;
        var reanalyse = (patch.ActivityType is { } type && type != current.ActivityType)
            || (patch.Configuration is { } changed && changed.GetRawText() != current.Configuration.GetRawText());
        if (reanalyse) await JobStore.EnqueueAsync(tx, JobKinds.ActivityAnalysis, current.Id, jobs.Value.MaxAttempts, ct);
        var becameActive = state == ActivityStates.Active && current.State != ActivityStates.Active;
        var ended = state == ActivityStates.Expired && current.State != ActivityStates.Expired;
        const string update = """
            update activities set
                activity_type = @activityType, title = @title, description = @description,
                configuration = @configuration, activity_metadata = @metadata, order_index = @orderIndex,
                state = @state, status = @status,
                processing_status = case when @reanalyse then 'pending' else processing_status end,
                started_at = case when @becameActive then @now else started_at end,
                expires_at = case when @becameActive then @expiresAt when @state = 'active' then expires_at else null end,
                completed_at = case when @ended then @now when @state = 'expired' then completed_at else null end,
                updated_at = @now
            where id = @id
            returning *
            """;
        var parameters = new
        {
            id = current.Id,
            activityType = patch.ActivityType ?? current.ActivityType,
            title = patch.Title ?? current.Title,
            description = patch.Description ?? current.Description,
            configuration,
            metadata = patch.ActivityMetadata ?? current.ActivityMetadata,
            orderIndex = patch.OrderIndex ?? current.OrderIndex,
            state, status, becameActive, ended, reanalyse,
            expiresAt = ActivityTimers.ExpiresAt(configuration, patch.ActivityMetadata ?? current.ActivityMetadata, tx.Now),
            now = tx.Now,
        };
        return await tx.Connection.QuerySingleAsync<ActivityRow>(tx.Command(update, parameters, ct));
    }

    private async Task<WriteResult<ActivityRow>> WithLockedActivityAsync(
        Guid id, Func<SessionTransaction, ActivityRow, Task<WriteResult<ActivityRow>>> change, CancellationToken ct)
    {
        // One round trip: lock the activity's session, then read the activity under the lock.
        var locked = await units.BeginForRowAsync<ActivityRow>(
            "select session_id from activities where id = @id", $"{Select} where id = @id", new { id }, ct);
        if (locked is not { } found) return WriteResult<ActivityRow>.NotFound($"Activity {id} not found.");
        var (tx, current) = found;
        await using (tx) return await change(tx, current);
    }

    private async Task<int?> SessionOfAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition("select session_id from activities where id = @id", new { id }, cancellationToken: ct));
    }

    private static Task<WriteResult<ActivityRow>> CommitAsync(SessionTransaction tx, string eventType, ActivityRow row, CancellationToken ct) =>
        CommitAsync(tx, eventType, row, row, ct);

    private static async Task<WriteResult<ActivityRow>> CommitAsync<TPayload>(SessionTransaction tx, string eventType, TPayload payload, ActivityRow row, CancellationToken ct)
    {
        tx.Emit(eventType, payload);
        var events = await tx.CommitAsync(ct);
        return WriteResult<ActivityRow>.Ok(row, events);
    }
}
