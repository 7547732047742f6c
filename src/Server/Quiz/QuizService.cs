using System.Text.Json;
using Conflicto.Data.Activities;
using Conflicto.Data.Infrastructure;
using Conflicto.Data.Participants;
using Conflicto.Data.Quiz;
using Conflicto.Processing.Quiz;
using Conflicto.Server.Access;
using Microsoft.Extensions.Options;

namespace Conflicto.Server.Quiz;

/// <summary>
/// The quiz as REST and the hub share it: host actions, the views (state, leaderboard, "me"), and
/// the gate every answer passes (open question, before its deadline, timed by the server).
/// </summary>
public sealed partial class QuizService(QuizStore store, ActivityStore activities, QuizClock clock, QuizStandingsCache boards, IOptions<QuizOptions> options, ILogger<QuizService> logger)
{
    /// <summary>A host action (<see cref="QuizFlow.Actions"/>); the answer is the host's view after it.</summary>
    public async Task<(QuizView? View, Refusal? Refusal)> ActAsync(Caller caller, Guid activityId, string? action, int? questionIndex, CancellationToken ct)
    {
        if (await activities.GetAsync(activityId, ct) is not { } activity) return (null, Refusal.NotFound($"Activity {activityId} not found."));
        // The one rule of every route (docs/security.md, "Access matrix"): nobody 401, somebody else (a participant, another host) 403.
        if (!caller.IsHostOf(activity.SessionId))
        {
            var refusal = AccessRules.Deny(caller, Need.Host);
            LogRefused(logger, activityId, action ?? "(none)", refusal.Message);
            return (null, refusal);
        }
        if (action is null || !QuizFlow.Actions.Contains(action))
            return (null, Refusal.Invalid("action", $"action must be one of: {string.Join(", ", QuizFlow.Actions)}"));
        if (questionIndex < 0) return (null, Refusal.Invalid("question_index", "question_index must be 0 or more"));
        var result = await store.ChangeAsync(activityId, input => QuizFlow.Decide(action, questionIndex, input), ct);
        if (result.Value is null)
        {
            LogRefused(logger, activityId, action, result.Error);
            return (null, Refusal.From(result));
        }
        LogActed(logger, activityId, action, result.Value.Phase, result.Value.QuestionIndex);
        return (await ViewAsync(activity, result.Value, null, ct), null);
    }

    /// <summary>The quiz as the caller may see it; 404 for a draft (unless host) or another type.</summary>
    public async Task<(QuizView? View, Refusal? Refusal)> ViewAsync(Caller caller, Guid activityId, CancellationToken ct)
    {
        if (await activities.GetAsync(activityId, ct) is not { } activity || !DraftRules.Shows(activity, caller))
            return (null, Refusal.NotFound($"Activity {activityId} not found."));
        if (!QuizSecrets.IsQuiz(activity.ActivityType)) return (null, Refusal.NotFound($"Activity {activityId} is a {activity.ActivityType}, not a quiz."));
        var run = await store.GetAsync(activityId, ct) ?? QuizRun.Lobby(activity.Id, activity.SessionId);
        var me = caller.Participant is { } p && p.SessionId == activity.SessionId ? p.ParticipantId : (int?)null;
        return (await ViewAsync(activity, run, me, ct), null);
    }

    /// <summary>The leaderboard over the revealed questions, in any phase, with the asking participant's own standing.</summary>
    public async Task<(QuizLeaderboardResponse? Board, Refusal? Refusal)> LeaderboardAsync(Caller caller, Guid activityId, CancellationToken ct)
    {
        if (await activities.GetAsync(activityId, ct) is not { } activity || !DraftRules.Shows(activity, caller))
            return (null, Refusal.NotFound($"Activity {activityId} not found."));
        if (!QuizSecrets.IsQuiz(activity.ActivityType)) return (null, Refusal.NotFound($"Activity {activityId} is a {activity.ActivityType}, not a quiz."));
        var (quiz, run, standings, answers) = await StandingsAsync(activity, ct);
        var me = caller.Participant is { } p && p.SessionId == activity.SessionId ? QuizViews.Me(p.ParticipantId, run, standings, answers) : null;
        return (new QuizLeaderboardResponse(activity.Id, run.Phase, QuizViews.Leaderboard(quiz, run, standings), me), null);
    }

    /// <summary>
    /// Every player's standing over the quiz's revealed questions, read fresh: what the leaderboard
    /// route shows (its top <see cref="QuizDefinition.LeaderboardSize"/>), and what an export lists in full.
    /// </summary>
    public async Task<(QuizDefinition Quiz, QuizRun Run, IReadOnlyList<QuizStanding> Standings, IReadOnlyList<QuizResponse> Answers)> StandingsAsync(ActivityRow activity, CancellationToken ct)
    {
        var run = await store.GetAsync(activity.Id, ct) ?? QuizRun.Lobby(activity.Id, activity.SessionId);
        var (answers, players) = await store.StandingsInputAsync(activity.Id, activity.SessionId, ct);
        var quiz = QuizDefinition.From(activity.Configuration);
        return (quiz, run, QuizStandings.Compute(quiz, run.Rounds, answers, players), answers);
    }

    /// <summary>
    /// The quizzes of a snapshot, for its audience; an open question counts as delivered to a
    /// participant now. Built from the node's cached boards holding at least every change up to
    /// <paramref name="snapshotSeq"/> (a join storm mid-quiz reads the room once, not once per join).
    /// </summary>
    public async Task<IReadOnlyList<object>> SnapshotAsync(int sessionId, long snapshotSeq, IEnumerable<ActivityRow> visible, int? participantId, CancellationToken ct)
    {
        var quizzes = visible.Where(a => QuizSecrets.IsQuiz(a.ActivityType)).ToList();
        if (quizzes.Count == 0) return [];
        var runs = (await store.ListAsync(sessionId, ct)).ToDictionary(r => r.ActivityId);
        var views = new List<object>();
        foreach (var activity in quizzes)
        {
            var run = runs.GetValueOrDefault(activity.Id) ?? QuizRun.Lobby(activity.Id, activity.SessionId);
            var board = options.Value.StandingsCache
                ? await boards.GetAsync(activity.Id, activity.SessionId, snapshotSeq, ct)
                : await boards.LoadFreshAsync(activity.Id, activity.SessionId, ct);
            var view = QuizViews.Build(activity, run, board, clock.Now, participantId);
            if (participantId is { } id && view is { Phase: QuizPhases.Question, Locked: false }) clock.Delivered(activity.Id, view.QuestionIndex, id);
            views.Add(Realtime.JsonTree.ToObject(Json.ToElement(view))!);
        }
        return views;
    }

    private async Task<QuizView> ViewAsync(ActivityRow activity, QuizRun run, int? me, CancellationToken ct)
    {
        var (answers, players) = await store.StandingsInputAsync(activity.Id, activity.SessionId, ct);
        return QuizViews.Build(activity, run, answers, players, clock.Now, me);
    }

    /// <summary>
    /// The gate of a quiz answer (already valid by the type's rules): the question must be open and
    /// its deadline not passed when the answer arrived (else 409), and the stored answer gets the
    /// server's timing beside the client's claim. A retry of an answer already given passes as it
    /// is, so the writer answers it with the first one (answers are locked once given).
    /// </summary>
    public async Task<(JsonElement Data, Refusal? Refusal)> PrepareAnswerAsync(ActivityRow activity, ParticipantIdentity participant, JsonElement data, AnswerTiming? timing, CancellationToken ct)
    {
        var arrivedAt = timing?.ArrivedAt ?? clock.Now;
        var answer = QuizAnswer.Read(data)!;
        var run = await store.GetAsync(activity.Id, ct);
        if (run is null || !run.Accepts(answer.QuestionIndex, arrivedAt) || run.Current is not { } round)
        {
            var given = (await store.AnswersOfAsync(activity.Id, participant.ParticipantId, ct)).Any(a => QuizAnswer.Read(a.ResponseData)?.QuestionIndex == answer.QuestionIndex);
            if (given) return (data, null);
            var why = run?.Phase == QuizPhases.Question && run.QuestionIndex == answer.QuestionIndex
                ? $"Question {answer.QuestionIndex + 1} is closed: its deadline has passed."
                : $"Question {answer.QuestionIndex + 1} is not open.";
            LogLate(logger, activity.Id, participant.ParticipantId, answer.QuestionIndex, why);
            return (data, Refusal.Conflict(why));
        }
        var viaHub = timing?.ViaHub ?? false;
        var sentAt = (viaHub ? clock.SentAt(activity.Id, round.QuestionIndex, participant.ParticipantId) : null) ?? round.StartedAt;
        if (sentAt < round.StartedAt) sentAt = round.StartedAt;
        var observed = Math.Max(0, (long)(arrivedAt - sentAt).TotalMilliseconds);
        var roundTrip = viaHub ? Math.Min(timing?.RoundTripMs ?? 0, options.Value.MaxRoundTripMs) : options.Value.RestAllowanceMs;
        var elapsed = QuizScoring.EffectiveElapsedMs(answer.ClientElapsedMs, observed, roundTrip);
        return ((answer with { ElapsedMs = elapsed, ObservedMs = observed, RoundTripMs = roundTrip }).ToData(), null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Quiz {ActivityId}: {Action} refused ({Reason})")]
    private static partial void LogRefused(ILogger logger, Guid activityId, string action, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Quiz {ActivityId}: {Action} done, phase {Phase}, question {QuestionIndex}")]
    private static partial void LogActed(ILogger logger, Guid activityId, string action, string phase, int questionIndex);

    [LoggerMessage(Level = LogLevel.Information, Message = "Quiz {ActivityId}: answer of participant {ParticipantId} to question {QuestionIndex} refused: {Reason}")]
    private static partial void LogLate(ILogger logger, Guid activityId, int participantId, int questionIndex, string reason);
}
