namespace Conflicto.Processing.Quiz;

/// <summary>
/// Points for one answer. Correct answers earn <c>points_base × (1 − elapsed / limit / 2)</c> (Kahoot's
/// rule: an instant answer gets everything, one at the deadline half), wrong ones nothing; each
/// consecutive correct answer after the first adds <c>streak_bonus</c>, up to five steps.
/// <see cref="EffectiveElapsedMs"/> decides which elapsed time the server believes (docs/quiz.md).
/// </summary>
public static class QuizScoring
{
    public const int MaxStreakSteps = 5;

    /// <summary>
    /// The receive-to-answer time the server credits. The client says how long it took
    /// (<paramref name="claimedMs"/>, its own clock from receiving the question). The server saw
    /// <paramref name="observedMs"/> from sending the question to that participant until the answer
    /// arrived, which holds both network trips; the participant cannot have taken longer than that,
    /// nor less than that minus one round trip (<paramref name="roundTripMs"/>, measured by the server,
    /// capped). A client that claims less is moved up to the bound; no claim counts as the slowest.
    /// </summary>
    public static long EffectiveElapsedMs(long? claimedMs, long observedMs, long roundTripMs)
    {
        var upper = Math.Max(0, observedMs);
        var lower = Math.Max(0, upper - Math.Max(0, roundTripMs));
        return Math.Clamp(claimedMs ?? upper, lower, upper);
    }

    /// <summary>Points for a correct answer after <paramref name="elapsedMs"/> (without the streak bonus).</summary>
    public static int SpeedPoints(QuizDefinition quiz, QuizQuestion question, long elapsedMs)
    {
        if (!quiz.SpeedScoring || question.TimeLimitMs <= 0) return quiz.PointsBase;
        var fraction = Math.Clamp((double)elapsedMs / question.TimeLimitMs, 0, 1);
        return (int)Math.Round(quiz.PointsBase * (1 - fraction / 2), MidpointRounding.AwayFromZero);
    }

    /// <summary>The bonus of the <paramref name="streak"/>-th correct answer in a row (the first earns none).</summary>
    public static int StreakBonus(QuizDefinition quiz, int streak) => quiz.StreakBonus * Math.Clamp(streak - 1, 0, MaxStreakSteps);
}
