using Conflicto.Data.Activities;
using Conflicto.Data.Events;
using Conflicto.Data.Infrastructure;
using Dapper;
using Npgsql;

namespace Conflicto.Data.Quiz;

/// <summary>
/// Quiz runs. A host action is one unit of work on the session: the run, its answers and players
/// are read under the session lock, the decision (made by the caller, which knows scoring) is
/// stored with its <c>quiz.updated</c> event in the same transaction, like every other change.
/// </summary>
public sealed class QuizStore(NpgsqlDataSource dataSource, SessionUnits units)
{
    public const string EventType = "quiz.updated";

    private const string RunColumns = "activity_id, session_id, phase, question_index, rounds, updated_at";
    private const string AnswersSql = "select participant_id, response_data, created_at from user_responses where activity_id = @id order by created_at, id";
    private const string PlayersSql = "select id, nickname, joined_at, left_at from participants where session_id = @sessionId order by id";

    public async Task<QuizRun?> GetAsync(Guid activityId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<QuizRunRow>(new CommandDefinition(
            $"select {RunColumns} from quiz_runs where activity_id = @activityId", new { activityId }, cancellationToken: ct));
        return row is null ? null : QuizRun.FromRow(row);
    }

    /// <summary>A quiz's run read inside a unit of work that holds the session lock (so it cannot move meanwhile).</summary>
    internal static async Task<QuizRun?> GetLockedAsync(SessionTransaction tx, Guid activityId, CancellationToken ct)
    {
        var row = await tx.Connection.QuerySingleOrDefaultAsync<QuizRunRow>(tx.Command(
            $"select {RunColumns} from quiz_runs where activity_id = @activityId", new { activityId }, ct));
        return row is null ? null : QuizRun.FromRow(row);
    }

    /// <summary>The runs of a session's quizzes (for snapshots).</summary>
    public async Task<IReadOnlyList<QuizRun>> ListAsync(int sessionId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<QuizRunRow>(new CommandDefinition(
            $"select {RunColumns} from quiz_runs where session_id = @sessionId", new { sessionId }, cancellationToken: ct));
        return rows.Select(QuizRun.FromRow).ToList();
    }

    /// <summary>A quiz's answers and its session's players, read together (one connection) for a leaderboard.</summary>
    public async Task<(IReadOnlyList<QuizResponse> Answers, IReadOnlyList<QuizPlayer> Players)> StandingsInputAsync(Guid activityId, int sessionId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition($"{AnswersSql};\n{PlayersSql}", new { id = activityId, sessionId }, cancellationToken: ct));
        var answers = (await grid.ReadAsync<QuizResponse>()).ToList();
        var players = (await grid.ReadAsync<QuizPlayer>()).ToList();
        return (answers, players);
    }

    /// <summary>
    /// As <see cref="StandingsInputAsync"/>, with the session's last seq read first: the answers and
    /// players that follow hold every change committed up to that seq (for the per-node cache).
    /// </summary>
    public async Task<(long Seq, IReadOnlyList<QuizResponse> Answers, IReadOnlyList<QuizPlayer> Players)> StandingsInputWithSeqAsync(Guid activityId, int sessionId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            $"select last_seq from sessions where id = @sessionId;\n{AnswersSql};\n{PlayersSql}", new { id = activityId, sessionId }, cancellationToken: ct));
        var seq = await grid.ReadSingleOrDefaultAsync<long?>() ?? 0;
        var answers = (await grid.ReadAsync<QuizResponse>()).ToList();
        var players = (await grid.ReadAsync<QuizPlayer>()).ToList();
        return (seq, answers, players);
    }

    /// <summary>One participant's answers to a quiz.</summary>
    public async Task<IReadOnlyList<QuizResponse>> AnswersOfAsync(Guid activityId, int participantId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<QuizResponse>(new CommandDefinition(
            "select participant_id, response_data, created_at from user_responses where activity_id = @activityId and participant_id = @participantId",
            new { activityId, participantId }, cancellationToken: ct))).ToList();
    }

    /// <summary>Applies a host action: <paramref name="decide"/> sees the current run, answers and players under the session lock.</summary>
    public async Task<WriteResult<QuizRun>> ChangeAsync(Guid activityId, Func<QuizChangeInput, QuizChangeDecision> decide, CancellationToken ct)
    {
        var locked = await units.BeginForRowAsync<ActivityRow>(
            "select session_id from activities where id = @id", "select * from activities where id = @id", new { id = activityId }, ct);
        if (locked is not { } found) return WriteResult<QuizRun>.NotFound($"Activity {activityId} not found.");
        var (tx, activity) = found;
        await using (tx)
        {
            QuizRun run;
            List<QuizResponse> answers;
            List<QuizPlayer> players;
            await using (var grid = await tx.Connection.QueryMultipleAsync(tx.Command(
                $"select {RunColumns} from quiz_runs where activity_id = @id;\n{AnswersSql};\n{PlayersSql}", new { id = activityId, sessionId = activity.SessionId }, ct)))
            {
                var row = await grid.ReadSingleOrDefaultAsync<QuizRunRow>();
                run = row is null ? QuizRun.Lobby(activityId, activity.SessionId) : QuizRun.FromRow(row);
                answers = (await grid.ReadAsync<QuizResponse>()).ToList();
                players = (await grid.ReadAsync<QuizPlayer>()).ToList();
            }
            var decision = decide(new QuizChangeInput(activity, run, answers, players, tx.Now));
            if (decision.Refused is { } why || decision.Run is null) return WriteResult<QuizRun>.Conflict(decision.Refused ?? "Nothing to change.");
            var next = decision.Run with { UpdatedAt = tx.Now };
            await tx.Connection.ExecuteAsync(tx.Command("""
                insert into quiz_runs (activity_id, session_id, phase, question_index, rounds, updated_at)
                values (@ActivityId, @SessionId, @Phase, @QuestionIndex, @Rounds::jsonb, @UpdatedAt)
                on conflict (activity_id) do update set phase = excluded.phase, question_index = excluded.question_index,
                    rounds = excluded.rounds, updated_at = excluded.updated_at
                """, new { next.ActivityId, next.SessionId, next.Phase, next.QuestionIndex, Rounds = Json.Serialize(next.Rounds), next.UpdatedAt }, ct));
            tx.Emit(EventType, decision.EventData);
            var events = await tx.CommitAsync(ct);
            return WriteResult<QuizRun>.Ok(next, events);
        }
    }
}
