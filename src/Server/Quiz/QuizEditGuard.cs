using Conflicto.Data.Activities;
using Conflicto.Data.Quiz;
using Conflicto.Processing.Quiz;

namespace Conflicto.Server.Quiz;

/// <summary>
/// A running quiz's configuration is fixed: while a question is open, revealed or on the
/// leaderboard (any phase but <c>lobby</c>, not started, and <c>podium</c>, ended), an edit of its
/// questions, settings or type would change what players answered and how they were scored. Such
/// an edit is refused (409) with the reason; its order and status may still change.
/// </summary>
public static partial class QuizEditGuard
{
    /// <summary>
    /// Checked first, before the edit is validated, so a host who edits a running quiz hears that it runs
    /// (rather than what is wrong with the new configuration); <see cref="Refusal"/> checks again under the lock.
    /// </summary>
    public static async Task<string?> RefusalAsync(QuizStore quizzes, ActivityRow current, bool changesConfiguration, ILogger logger, CancellationToken ct) =>
        !changesConfiguration || !QuizSecrets.IsQuiz(current.ActivityType) ? null
            : Refusal(current, await quizzes.GetAsync(current.Id, ct), changesConfiguration, logger);

    /// <summary>
    /// Used as <see cref="ActivityStore.UpdateAsync"/>'s check, so it sees the run under the session lock: a quiz
    /// started by another request at the same moment is either seen running here, or starts after the edit.
    /// </summary>
    /// <returns>Why the edit is refused, or null when it may go ahead.</returns>
    public static string? Refusal(ActivityRow current, QuizRun? run, bool changesConfiguration, ILogger logger)
    {
        if (!changesConfiguration || !QuizSecrets.IsQuiz(current.ActivityType)) return null;
        if (run is null || run.Phase is QuizPhases.Lobby or QuizPhases.Podium) return null;
        var why = $"The quiz is running (phase {run.Phase}, question {run.QuestionIndex + 1}): its configuration cannot change until it ends. End it first (POST /api/v1/activities/{current.Id}/quiz/actions with action \"end\").";
        LogRefused(logger, current.Id, run.Phase);
        return why;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Quiz {ActivityId}: configuration edit refused, the quiz is running (phase {Phase})")]
    private static partial void LogRefused(ILogger logger, Guid activityId, string phase);
}
