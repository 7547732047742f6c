using Conflicto.Data.Activities;
using Conflicto.Data.Events;
using Conflicto.Data.Infrastructure;
using Dapper;
using Npgsql;

namespace Conflicto.Data.Responses;

/// <summary>
/// Stores a batch of responses to one session in one transaction (group commit): one session
/// lock, one insert, one event append for the whole batch, so a classroom answering at once
/// costs a handful of round trips per batch rather than per response, and seq stays gap-free.
/// Each response gets its own outcome: a retried idempotency key returns the first response and
/// writes nothing; single-slot activities refuse a second answer; closed activities refuse all.
/// </summary>
public sealed class ResponseBatchWriter(NpgsqlDataSource dataSource, SessionEventNotifier notifier, Microsoft.Extensions.Options.IOptions<Processing.JobOptions> jobs)
{
    private const string Columns = "id, session_id, activity_id, participant_id, response_data, change_seq, coalesce(created_seq, change_seq) as created_seq, processing_status, moderation_verdict, moderation_reason, moderation_override, created_at, updated_at";

    public async Task<IReadOnlyList<WriteResult<SubmittedResponse>>> SubmitAsync(int sessionId, IReadOnlyList<NewResponse> batch, CancellationToken ct)
    {
        await using var tx = await SessionTransaction.BeginAsync(dataSource, sessionId, ct);
        if (tx is null) return batch.Select(r => WriteResult<SubmittedResponse>.NotFound($"Activity {r.ActivityId} not found.")).ToList();

        var activities = (await tx.Connection.QueryAsync<ActivityRow>(tx.Command(
            "select * from activities where id = any(@ids) and session_id = @sessionId",
            new { ids = batch.Select(r => r.ActivityId).Distinct().ToArray(), sessionId }, ct))).ToDictionary(a => a.Id);
        var earlier = await EarlierByKeyAsync(tx, batch, ct);
        var answered = await AnsweredAsync(tx, batch, ct);

        var results = new WriteResult<SubmittedResponse>[batch.Count];
        var accepted = new List<ResponseRow>();
        var acceptedRequests = new List<NewResponse>();
        for (var i = 0; i < batch.Count; i++)
        {
            var request = batch[i];
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

            var row = new ResponseRow
            {
                Id = Guid.CreateVersion7(), SessionId = sessionId, ActivityId = request.ActivityId, ParticipantId = request.ParticipantId,
                ResponseData = request.ResponseData, ChangeSeq = tx.NextSeq, CreatedSeq = tx.NextSeq, CreatedAt = tx.Now, UpdatedAt = tx.Now,
                ProcessingStatus = request.Enrich ? Processing.ProcessingStates.Pending : Processing.ProcessingStates.NotProcessed,
            };
            tx.Emit(EventTypes.ResponseAdded, ResponsePayload.From(row, Anonymity.IsAnonymous(activity.Configuration)));
            accepted.Add(row);
            acceptedRequests.Add(request);
            // A retry of this very submission inside the same batch gets this row back.
            if (request.IdempotencyKey is { } newKey) earlier[(request.ParticipantId, newKey)] = row;
            results[i] = WriteResult<SubmittedResponse>.Ok(new SubmittedResponse(row, Replayed: false), []);
        }

        if (accepted.Count == 0) return results;
        await InsertAsync(tx, accepted, acceptedRequests, ct);
        await EnqueueEnrichmentAsync(tx, accepted, ct);
        var events = await tx.CommitAsync(ct);
        notifier.Notify(events);
        return results.Select(r => r.Value is { Replayed: false } ? r with { Events = events } : r).ToList();
    }

    private static async Task<Dictionary<(int Participant, string Key), ResponseRow>> EarlierByKeyAsync(SessionTransaction tx, IReadOnlyList<NewResponse> batch, CancellationToken ct)
    {
        var keyed = batch.Where(r => r.IdempotencyKey is not null).ToList();
        if (keyed.Count == 0) return [];
        var rows = await tx.Connection.QueryAsync<KeyedRow>(tx.Command($"""
            select {Columns}, idempotency_key from user_responses
            where (participant_id, idempotency_key) in (select * from unnest(@participants, @keys))
            """, new { participants = keyed.Select(r => r.ParticipantId).ToArray(), keys = keyed.Select(r => r.IdempotencyKey!).ToArray() }, ct));
        return rows.ToDictionary(r => (r.ParticipantId, r.IdempotencyKey), r => r.ToRow());
    }

    private static async Task<HashSet<(Guid Activity, int Participant)>> AnsweredAsync(SessionTransaction tx, IReadOnlyList<NewResponse> batch, CancellationToken ct)
    {
        var single = batch.Where(r => r.SingleSlot).ToList();
        if (single.Count == 0) return [];
        var rows = await tx.Connection.QueryAsync<(Guid ActivityId, int ParticipantId)>(tx.Command("""
            select activity_id, participant_id from user_responses
            where activity_id = any(@activities) and participant_id = any(@participants)
            """, new { activities = single.Select(r => r.ActivityId).Distinct().ToArray(), participants = single.Select(r => r.ParticipantId).Distinct().ToArray() }, ct));
        return rows.ToHashSet();
    }

    private static async Task InsertAsync(SessionTransaction tx, List<ResponseRow> rows, List<NewResponse> requests, CancellationToken ct)
    {
        await tx.Connection.ExecuteAsync(tx.Command("""
            insert into user_responses (id, session_id, activity_id, participant_id, response_data, change_seq, created_seq, single_slot, idempotency_key, processing_status, created_at, updated_at)
            select r.id, @sessionId, r.activity_id, r.participant_id, r.data::jsonb, r.seq, r.seq, r.single, r.key, r.status, @now, @now
            from unnest(@ids, @activities, @participants, @datas, @seqs, @singles, @keys, @statuses) as r(id, activity_id, participant_id, data, seq, single, key, status)
            """, new
        {
            sessionId = tx.Session.Id, now = tx.Now,
            ids = rows.Select(r => r.Id).ToArray(),
            activities = rows.Select(r => r.ActivityId).ToArray(),
            participants = rows.Select(r => r.ParticipantId).ToArray(),
            datas = rows.Select(r => r.ResponseData.GetRawText()).ToArray(),
            seqs = rows.Select(r => r.ChangeSeq).ToArray(),
            singles = requests.Select(r => r.SingleSlot).ToArray(),
            keys = requests.Select(r => r.IdempotencyKey).ToArray(),
            statuses = rows.Select(r => r.ProcessingStatus).ToArray(),
        }, ct));
        var counts = rows.GroupBy(r => r.ActivityId).ToList();
        await tx.Connection.ExecuteAsync(tx.Command("""
            update activities a set response_count = a.response_count + c.added, last_response_at = @now
            from unnest(@ids, @added) as c(id, added)
            where a.id = c.id
            """, new { now = tx.Now, ids = counts.Select(g => g.Key).ToArray(), added = counts.Select(g => g.Count()).ToArray() }, ct));
    }

    /// <summary>Queues enrichment of the free-text responses of the batch, durable with them.</summary>
    private async Task EnqueueEnrichmentAsync(SessionTransaction tx, List<ResponseRow> rows, CancellationToken ct)
    {
        var ids = rows.Where(r => r.ProcessingStatus == Processing.ProcessingStates.Pending).Select(r => r.Id).ToArray();
        if (ids.Length == 0) return;
        await tx.Connection.ExecuteAsync(tx.Command("""
            insert into processing_jobs (id, kind, subject_id, session_id, status, max_attempts, next_attempt_at, created_at, updated_at)
            select gen_random_uuid(), 'response_enrichment', s.id, @sessionId, 'pending', @maxAttempts, @now, @now, @now
            from unnest(@ids) as s(id)
            """, new { ids, sessionId = tx.Session.Id, maxAttempts = jobs.Value.MaxAttempts, now = tx.Now }, ct));
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
        public DateTime CreatedAt { get; init; }
        public DateTime UpdatedAt { get; init; }
        public string IdempotencyKey { get; init; } = "";

        public ResponseRow ToRow() => new()
        {
            Id = Id, SessionId = SessionId, ActivityId = ActivityId, ParticipantId = ParticipantId,
            ResponseData = ResponseData, ChangeSeq = ChangeSeq, CreatedSeq = CreatedSeq, ProcessingStatus = ProcessingStatus, CreatedAt = CreatedAt, UpdatedAt = UpdatedAt,
        };
    }
}
