using Conflicto.Data.Activities;
using Conflicto.Data.Events;
using Conflicto.Data.Infrastructure;
using Dapper;
using Npgsql;

namespace Conflicto.Data.Responses;

/// <summary>
/// Stores a batch of responses to one session in one transaction (group commit): one session
/// lock, one insert, one event append for the whole batch, so a classroom answering at once
/// costs four round trips per batch (lock, reads, writes with the event append, commit) rather
/// than per response, and seq stays gap-free.
/// Each response gets its own outcome: a retried idempotency key returns the first response and
/// writes nothing; single-slot activities refuse a second answer; closed activities refuse all.
/// </summary>
public sealed class ResponseBatchWriter(SessionUnits units, Microsoft.Extensions.Options.IOptions<Processing.JobOptions> jobs)
{
    private const string Columns = "id, session_id, activity_id, participant_id, response_data, change_seq, coalesce(created_seq, change_seq) as created_seq, processing_status, moderation_verdict, moderation_reason, moderation_override, anonymous, pinned, answered, created_at, updated_at";

    public async Task<IReadOnlyList<WriteResult<SubmittedResponse>>> SubmitAsync(int sessionId, IReadOnlyList<NewResponse> batch, CancellationToken ct)
    {
        await using var tx = await units.BeginAsync(sessionId, ct);
        if (tx is null) return batch.Select(r => WriteResult<SubmittedResponse>.NotFound($"Activity {r.ActivityId} not found.")).ToList();

        var (activities, earlier, answered, left, mine) = await ReadStateAsync(tx, batch, ct);

        var results = new WriteResult<SubmittedResponse>[batch.Count];
        var accepted = new List<ResponseRow>();
        var acceptedRequests = new List<NewResponse>();
        for (var i = 0; i < batch.Count; i++)
        {
            var request = batch[i];
            // Checked under the session lock that a leave also takes: nothing is stored for a participant once its leave committed.
            if (left.Contains(request.ParticipantId))
            {
                results[i] = WriteResult<SubmittedResponse>.Revoked("You are no longer a participant of this session (you left or the host removed you).");
                continue;
            }
            if (request.IdempotencyKey is { } key && earlier.TryGetValue((request.ParticipantId, key), out var first))
            {
                results[i] = first.ActivityId == request.ActivityId
                    ? WriteResult<SubmittedResponse>.Ok(new SubmittedResponse(first, Replayed: true), [])
                    : WriteResult<SubmittedResponse>.Conflict("This idempotency key was already used for another activity.");
                continue;
            }
            if (!activities.TryGetValue(request.ActivityId, out var activity))
            {
                results[i] = WriteResult<SubmittedResponse>.NotFound($"Activity {request.ActivityId} not found.");
                continue;
            }
            if (request.ValidatedAgainst is { } validated && validated != activity.UpdatedAt)
            {
                results[i] = WriteResult<SubmittedResponse>.Stale("The activity changed since this response was validated.");
                continue;
            }
            // Completing a session closes its activities; this holds even for one left open somehow.
            if (tx.Session.Status == Sessions.SessionStatuses.Completed)
            {
                results[i] = WriteResult<SubmittedResponse>.Conflict("The session is completed: it takes no more responses.");
                continue;
            }
            if (activity.State != ActivityStates.Active)
            {
                results[i] = WriteResult<SubmittedResponse>.Conflict($"The activity is not accepting responses (state: {activity.State}).");
                continue;
            }
            if (request.SingleSlot && !answered.Add((request.ActivityId, request.ParticipantId)))
            {
                results[i] = WriteResult<SubmittedResponse>.Conflict("You have already answered this activity; update your response instead.");
                continue;
            }
            var previous = request.Rule is null ? null : mine.TryGetValue((request.ActivityId, request.ParticipantId), out var list) ? list
                : mine[(request.ActivityId, request.ParticipantId)] = [];
            if (request.Rule is { } rule && CheckRule(rule, request, previous!) is { } refused)
            {
                results[i] = refused;
                continue;
            }

            var row = new ResponseRow
            {
                Id = Guid.CreateVersion7(), SessionId = sessionId, ActivityId = request.ActivityId, ParticipantId = request.ParticipantId,
                ResponseData = request.ResponseData, ChangeSeq = tx.NextSeq, CreatedSeq = tx.NextSeq, CreatedAt = tx.Now, UpdatedAt = tx.Now,
                ProcessingStatus = request.Enrich ? Processing.ProcessingStates.Pending : Processing.ProcessingStates.NotProcessed,
                Anonymous = Anonymity.IsAnonymous(activity.Configuration, request.ResponseData),
            };
            tx.Emit(EventTypes.ResponseAdded, ResponsePayload.From(row, row.Anonymous));
            accepted.Add(row);
            acceptedRequests.Add(request);
            previous?.Add(row);
            // A retry of this very submission inside the same batch gets this row back.
            if (request.IdempotencyKey is { } newKey) earlier[(request.ParticipantId, newKey)] = row;
            results[i] = WriteResult<SubmittedResponse>.Ok(new SubmittedResponse(row, Replayed: false), []);
        }

        if (accepted.Count == 0) return results;
        DeferInsert(tx, accepted, acceptedRequests);
        DeferEnrichment(tx, accepted);
        var events = await tx.CommitAsync(ct);
        return results.Select(r => r.Value is { Replayed: false } ? r with { Events = events } : r).ToList();
    }

    /// <summary>
    /// A participant's limit across responses: a response with the key of an earlier one answers
    /// with that one; one that would go over the budget is refused. <paramref name="previous"/> holds
    /// the participant's stored responses and those accepted earlier in this batch, all under the
    /// session lock, so a burst from one participant cannot slip past the budget.
    /// </summary>
    private static WriteResult<SubmittedResponse>? CheckRule(IParticipantRule rule, NewResponse request, List<ResponseRow> previous)
    {
        if (rule.SameKeyAs(request.ResponseData, previous) is { } first)
            return WriteResult<SubmittedResponse>.Ok(new SubmittedResponse(first, Replayed: true), []);
        return rule.OverBudgetWith(request.ResponseData, previous) is { } why ? WriteResult<SubmittedResponse>.Conflict(why) : null;
    }

    /// <summary>
    /// Everything the batch decides on, read in one round trip under the session lock: its
    /// activities, earlier responses with the same idempotency keys, which single-slot
    /// activities its participants already answered, which of its participants have left, and,
    /// for participant rules, the participants' earlier responses to those activities.
    /// </summary>
    private static async Task<(Dictionary<Guid, ActivityRow> Activities, Dictionary<(int Participant, string Key), ResponseRow> Earlier,
        HashSet<(Guid Activity, int Participant)> Answered, HashSet<int> Left, Dictionary<(Guid Activity, int Participant), List<ResponseRow>> Mine)>
        ReadStateAsync(SessionTransaction tx, IReadOnlyList<NewResponse> batch, CancellationToken ct)
    {
        var keyed = batch.Where(r => r.IdempotencyKey is not null).ToList();
        var single = batch.Where(r => r.SingleSlot).ToList();
        var ruled = batch.Where(r => r.Rule is not null).Select(r => (r.ActivityId, r.ParticipantId)).Distinct().ToList();
        // Only what the decisions need: no schema_render or metadata documents to parse per batch.
        var sql = new List<string>
        {
            "select id, session_id, activity_type, state, configuration, updated_at from activities where id = any(@ids) and session_id = @sessionId",
            "select id from participants where id = any(@participants) and left_at is not null",
        };
        if (keyed.Count > 0) sql.Add($"""
            select {Columns}, idempotency_key from user_responses
            where (participant_id, idempotency_key) in (select * from unnest(@keyParticipants, @keys))
            """);
        if (single.Count > 0) sql.Add("""
            select activity_id, participant_id from user_responses
            where activity_id = any(@singleActivities) and participant_id = any(@singleParticipants)
            """);
        if (ruled.Count > 0) sql.Add($"""
            select {Columns} from user_responses
            where (activity_id, participant_id) in (select * from unnest(@ruledActivities, @ruledParticipants))
            order by created_seq
            """);
        var parameters = new
        {
            ids = batch.Select(r => r.ActivityId).Distinct().ToArray(), sessionId = tx.Session.Id,
            participants = batch.Select(r => r.ParticipantId).Distinct().ToArray(),
            keyParticipants = keyed.Select(r => r.ParticipantId).ToArray(), keys = keyed.Select(r => r.IdempotencyKey!).ToArray(),
            singleActivities = single.Select(r => r.ActivityId).Distinct().ToArray(), singleParticipants = single.Select(r => r.ParticipantId).Distinct().ToArray(),
            ruledActivities = ruled.Select(r => r.ActivityId).ToArray(), ruledParticipants = ruled.Select(r => r.ParticipantId).ToArray(),
        };
        await using var grid = await tx.Connection.QueryMultipleAsync(tx.Command(string.Join(";\n", sql), parameters, ct));
        var activities = (await grid.ReadAsync<ActivityRow>()).ToDictionary(a => a.Id);
        var left = (await grid.ReadAsync<int>()).ToHashSet();
        var earlier = keyed.Count > 0
            ? (await grid.ReadAsync<KeyedRow>()).ToDictionary(r => (r.ParticipantId, r.IdempotencyKey), r => r.ToRow())
            : [];
        var answered = single.Count > 0 ? (await grid.ReadAsync<(Guid ActivityId, int ParticipantId)>()).ToHashSet() : [];
        var mine = ruled.Count > 0
            ? (await grid.ReadAsync<ResponseRow>()).GroupBy(r => (r.ActivityId, r.ParticipantId)).ToDictionary(g => g.Key, g => g.ToList())
            : [];
        return (activities, earlier, answered, left, mine);
    }

    private static void DeferInsert(SessionTransaction tx, List<ResponseRow> rows, List<NewResponse> requests)
    {
        tx.Defer("""
            insert into user_responses (id, session_id, activity_id, participant_id, response_data, change_seq, created_seq, single_slot, idempotency_key, processing_status, anonymous, created_at, updated_at)
            select r.id, @r_session, r.activity_id, r.participant_id, r.data::jsonb, r.seq, r.seq, r.single, r.key, r.status, r.anonymous, @r_now, @r_now
            from unnest(@r_ids, @r_activities, @r_participants, @r_datas, @r_seqs, @r_singles, @r_keys, @r_statuses, @r_anonymous) as r(id, activity_id, participant_id, data, seq, single, key, status, anonymous)
            """, new Dictionary<string, object?>
        {
            ["r_session"] = tx.Session.Id, ["r_now"] = tx.Now,
            ["r_ids"] = rows.Select(r => r.Id).ToArray(),
            ["r_activities"] = rows.Select(r => r.ActivityId).ToArray(),
            ["r_participants"] = rows.Select(r => r.ParticipantId).ToArray(),
            ["r_datas"] = rows.Select(r => r.ResponseData.GetRawText()).ToArray(),
            ["r_seqs"] = rows.Select(r => r.ChangeSeq).ToArray(),
            ["r_singles"] = requests.Select(r => r.SingleSlot).ToArray(),
            ["r_keys"] = requests.Select(r => r.IdempotencyKey).ToArray(),
            ["r_statuses"] = rows.Select(r => r.ProcessingStatus).ToArray(),
            ["r_anonymous"] = rows.Select(r => r.Anonymous).ToArray(),
        });
        var counts = rows.GroupBy(r => r.ActivityId).ToList();
        tx.Defer("""
            update activities a set response_count = a.response_count + c.added, last_response_at = @c_now
            from unnest(@c_ids, @c_added) as c(id, added)
            where a.id = c.id
            """, new Dictionary<string, object?>
        {
            ["c_now"] = tx.Now, ["c_ids"] = counts.Select(g => g.Key).ToArray(), ["c_added"] = counts.Select(g => g.Count()).ToArray(),
        });
    }

    /// <summary>Queues enrichment of the free-text responses of the batch, durable with them.</summary>
    private void DeferEnrichment(SessionTransaction tx, List<ResponseRow> rows)
    {
        var ids = rows.Where(r => r.ProcessingStatus == Processing.ProcessingStates.Pending).Select(r => r.Id).ToArray();
        if (ids.Length == 0) return;
        tx.Defer("""
            insert into processing_jobs (id, kind, subject_id, session_id, status, max_attempts, next_attempt_at, created_at, updated_at)
            select gen_random_uuid(), 'response_enrichment', s.id, @j_session, 'pending', @j_max_attempts, @j_now, @j_now, @j_now
            from unnest(@j_ids) as s(id)
            """, new Dictionary<string, object?> { ["j_ids"] = ids, ["j_session"] = tx.Session.Id, ["j_max_attempts"] = jobs.Value.MaxAttempts, ["j_now"] = tx.Now });
    }

    private sealed record KeyedRow
    {
        public Guid Id { get; init; }
        public int SessionId { get; init; }
        public Guid ActivityId { get; init; }
        public int ParticipantId { get; init; }
        public System.Text.Json.JsonElement ResponseData { get; init; }
        public long ChangeSeq { get; init; }
        public long CreatedSeq { get; init; }
        public string ProcessingStatus { get; init; } = "";
        public bool Anonymous { get; init; }
        public bool Pinned { get; init; }
        public bool Answered { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime UpdatedAt { get; init; }
        public string IdempotencyKey { get; init; } = "";

        public ResponseRow ToRow() => new()
        {
            Id = Id, SessionId = SessionId, ActivityId = ActivityId, ParticipantId = ParticipantId,
            ResponseData = ResponseData, ChangeSeq = ChangeSeq, CreatedSeq = CreatedSeq, ProcessingStatus = ProcessingStatus, Anonymous = Anonymous,
            Pinned = Pinned, Answered = Answered, CreatedAt = CreatedAt, UpdatedAt = UpdatedAt,
        };
    }
}
