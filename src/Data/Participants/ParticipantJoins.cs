using System.Collections.Concurrent;
using Conflicto.Data.Activities;
using Conflicto.Data.Events;
using Conflicto.Data.Infrastructure;
using Conflicto.Data.Sessions;
using Dapper;

namespace Conflicto.Data.Participants;

/// <summary>
/// Joins are group-committed per session. A join waits in its session's queue; one writer per
/// session takes every join waiting (up to <see cref="MaxBatch"/>) and commits them in one unit of
/// work: one session lock, one multi-row insert, one commit. A hall scanning the QR code at once
/// therefore does not line up one transaction per phone behind the session lock, each holding a
/// pooled connection while it waits (which starved every other request of connections). Joins
/// are answered only once their batch is durable; a batch that fails fails each of its joins,
/// none of which was stored. Sessions write in parallel; a session's joins in arrival order.
/// </summary>
public sealed class ParticipantJoins(SessionUnits units)
{
    public const int MaxBatch = 500;
    private const string Columns = ParticipantStore.Columns;
    private readonly ConcurrentDictionary<int, SessionQueue> _queues = new();

    /// <summary>
    /// Joins <paramref name="sessionId"/> as <paramref name="nickname"/> (or the first free variant:
    /// 20 people asking for "Alice" at once get "Alice" … "Alice 20"). Cancelling stops the wait,
    /// not a join already queued.
    /// </summary>
    public Task<WriteResult<JoinedParticipant>> JoinAsync(int sessionId, string nickname, CancellationToken ct)
    {
        var join = new PendingJoin(nickname);
        while (true)
        {
            var queue = _queues.GetOrAdd(sessionId, id => new SessionQueue(id));
            var added = queue.Add(join);
            if (added is null)
            {
                _queues.TryRemove(KeyValuePair.Create(sessionId, queue)); // drained and closed: take a fresh one
                continue;
            }
            if (added == true) _ = Task.Run(() => DrainAsync(queue));
            return join.Completion.Task.WaitAsync(ct);
        }
    }

    private async Task DrainAsync(SessionQueue queue)
    {
        while (queue.TakeBatch(MaxBatch) is { } batch)
        {
            try
            {
                var results = await WriteAsync(queue.SessionId, batch);
                for (var i = 0; i < batch.Count; i++) batch[i].Completion.TrySetResult(results[i]);
            }
            catch (Exception ex)
            {
                foreach (var join in batch) join.Completion.TrySetException(ex);
            }
        }
        _queues.TryRemove(KeyValuePair.Create(queue.SessionId, queue));
    }

    /// <summary>
    /// One batch in one unit of work. The lock's round trip reads the maintained
    /// <c>participant_count</c> (the capacity check) and what joiners are told; the requested
    /// nicknames are inserted in one statement (the unique index answers "taken"), and only the
    /// joins whose name was taken, by someone present or earlier in the batch, try the next free one.
    /// </summary>
    private async Task<WriteResult<JoinedParticipant>[]> WriteAsync(int sessionId, List<PendingJoin> batch)
    {
        var results = new WriteResult<JoinedParticipant>[batch.Count];
        var ct = CancellationToken.None; // queued joins are written whoever still waits for them
        var state = $"""
            select s.title, s.participant_count, {CurrentActivity.IdOf("s.id")} as current_activity_id
            from sessions s where s.id = @sessionId
            """;
        if (await units.BeginForRowAsync<JoinState>("@sessionId", state, new { sessionId }, ct) is not ({ } tx, { } session))
            return Fill(results, 0, WriteResult<JoinedParticipant>.NotFound($"Session {sessionId} not found."));
        await using var _ = tx;
        if (!SessionStatuses.AcceptsParticipants(tx.Session.Status))
            return Fill(results, 0, WriteResult<JoinedParticipant>.Conflict("The session has ended and accepts no new participants."));
        var admitted = Math.Clamp(tx.Session.MaxParticipants - session.ParticipantCount, 0, batch.Count);
        Fill(results, admitted, WriteResult<JoinedParticipant>.Conflict($"The session is full ({tx.Session.MaxParticipants} participants)."));
        if (admitted == 0) return results;

        var joins = batch.Take(admitted).Select(j => (j.Nickname, Token: ParticipantTokens.New())).ToList();
        var hashes = joins.Select(j => ParticipantTokens.Hash(j.Token)).ToArray();
        var rows = await InsertRequestedAsync(tx, sessionId, joins.Select(j => j.Nickname).ToArray(), hashes, ct);
        for (var i = 0; i < admitted; i++)
            rows[i] ??= await InsertFirstFreeAsync(tx, sessionId, joins[i].Nickname, hashes[i], ct);

        foreach (var row in rows) tx.Emit(EventTypes.ParticipantJoined, ParticipantPayload.From(row!));
        tx.Defer(ParticipantStore.CountChange, new Dictionary<string, object?> { ["pc_session"] = sessionId, ["pc_delta"] = admitted });
        var events = await tx.CommitAsync(ct);
        for (var i = 0; i < admitted; i++)
        {
            var told = new JoinedSession(session.Title, tx.Session.Status, session.CurrentActivityId, session.ParticipantCount + i + 1);
            results[i] = WriteResult<JoinedParticipant>.Ok(new JoinedParticipant(rows[i]!, joins[i].Token, joins[i].Nickname, told), [events[i]]);
        }
        return results;
    }

    /// <summary>Inserts every requested name that is free, in request order; null where the name was taken.</summary>
    private static async Task<ParticipantRow?[]> InsertRequestedAsync(SessionTransaction tx, int sessionId, string[] nicknames, byte[][] hashes, CancellationToken ct)
    {
        const string sql = $"""
            insert into participants (session_id, nickname, token_hash, joined_at, last_seen)
            select @sessionId, n.nickname, n.token_hash, @now, @now
            from unnest(@nicknames::text[], @hashes::bytea[]) with ordinality as n(nickname, token_hash, ord)
            order by n.ord
            on conflict (session_id, lower(nickname)) where left_at is null do nothing
            returning {Columns}, token_hash
            """;
        var inserted = await tx.Connection.QueryAsync<ParticipantRow, byte[], (ParticipantRow Row, byte[] Hash)>(
            tx.Command(sql, new { sessionId, nicknames, hashes, now = tx.Now }, ct), (row, hash) => (row, hash), splitOn: "token_hash");
        var byHash = inserted.ToDictionary(i => Convert.ToHexString(i.Hash), i => i.Row);
        return hashes.Select(h => byHash.GetValueOrDefault(Convert.ToHexString(h))).ToArray();
    }

    /// <summary>
    /// The name was taken: tries the first free variant. The unique index has the last word on
    /// "same nickname" (Postgres lower() and .NET's ToLowerInvariant disagree on a few letters), so
    /// a variant that still clashes counts as taken and the next one is tried.
    /// </summary>
    private static async Task<ParticipantRow> InsertFirstFreeAsync(SessionTransaction tx, int sessionId, string nickname, byte[] hash, CancellationToken ct)
    {
        const string insert = $"""
            insert into participants (session_id, nickname, token_hash, joined_at, last_seen)
            values (@sessionId, @chosen, @hash, @now, @now)
            on conflict (session_id, lower(nickname)) where left_at is null do nothing
            returning {Columns}
            """;
        var taken = (await tx.Connection.QueryAsync<string>(tx.Command(ParticipantStore.NicknamesWithPrefix, new { sessionId, prefix = Nicknames.CandidatePrefix(nickname) }, ct)))
            .Append(nickname).ToList();
        while (true)
        {
            var chosen = Nicknames.FirstFree(nickname, taken);
            var row = await tx.Connection.QuerySingleOrDefaultAsync<ParticipantRow>(tx.Command(insert, new { sessionId, chosen, hash, now = tx.Now }, ct));
            if (row is not null) return row;
            taken.Add(chosen);
        }
    }

    private static WriteResult<JoinedParticipant>[] Fill(WriteResult<JoinedParticipant>[] results, int from, WriteResult<JoinedParticipant> result)
    {
        for (var i = from; i < results.Length; i++) results[i] = result;
        return results;
    }

    /// <summary>What a join batch reads with the session lock: what it decides on and what joiners are told.</summary>
    internal sealed record JoinState
    {
        public string Title { get; init; } = "";
        public int ParticipantCount { get; init; }
        public Guid? CurrentActivityId { get; init; }
    }

    private sealed record PendingJoin(string Nickname)
    {
        public TaskCompletionSource<WriteResult<JoinedParticipant>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>A session's waiting joins; at most one drain runs per queue, and a drained queue closes.</summary>
    private sealed class SessionQueue(int sessionId)
    {
        private readonly List<PendingJoin> _waiting = [];
        private bool _draining;
        private bool _closed;

        public int SessionId => sessionId;

        /// <summary>Null when the queue has closed (use a fresh one); true when the caller must start the drain.</summary>
        public bool? Add(PendingJoin join)
        {
            lock (_waiting)
            {
                if (_closed) return null;
                _waiting.Add(join);
                if (_draining) return false;
                return _draining = true;
            }
        }

        /// <summary>The next batch in arrival order, or null (and the queue closes) when none waits.</summary>
        public List<PendingJoin>? TakeBatch(int max)
        {
            lock (_waiting)
            {
                if (_waiting.Count == 0)
                {
                    _closed = true;
                    return null;
                }
                var batch = _waiting.GetRange(0, Math.Min(max, _waiting.Count));
                _waiting.RemoveRange(0, batch.Count);
                return batch;
            }
        }
    }
}
