namespace Conflicto.Processing.Quiz;

/// <summary>
/// A quiz as anyone may see it: the run's phase, the open question without its answer key, the
/// reveal once there is one, and the leaderboard in the leaderboard and podium phases. The same
/// document is the <c>quiz.updated</c> payload (with <see cref="Me"/> null), the answer of REST
/// <c>GET /activities/{id}/quiz</c>, of the hub's <c>GetQuiz</c>, and an entry of the snapshot's
/// <c>quizzes</c>; <see cref="Me"/> is the asking participant's own standing.
/// </summary>
public sealed record QuizView(
    Guid ActivityId, int SessionId, string Phase, int QuestionIndex, int QuestionCount, QuizQuestionView? Question,
    DateTime? StartedAt, DateTime? DeadlineAt, long? RemainingMs, bool Locked, int AnswerCount,
    QuizRevealView? Reveal, QuizLeaderboardView? Leaderboard, QuizPlayerView? Me, DateTime ServerTime);

/// <summary>A question as participants see it: options by index, <see cref="MultiSelect"/> telling them to pick several.</summary>
public sealed record QuizQuestionView(int Index, string Text, string? ImageUrl, int TimeLimitSeconds, IReadOnlyList<QuizOptionView> Options, bool MultiSelect);

public sealed record QuizOptionView(int Index, string Text);

/// <summary>The revealed question: its correct options and how many picked each option.</summary>
public sealed record QuizRevealView(int QuestionIndex, IReadOnlyList<int> CorrectIndices, IReadOnlyList<int> Distribution, int Answers);

/// <summary>
/// The top of the standings. Anonymous quizzes list nobody (<see cref="Entries"/> empty): each
/// participant sees only their own rank, in <see cref="QuizView.Me"/>.
/// </summary>
public sealed record QuizLeaderboardView(int Players, bool Anonymous, int RevealedQuestions, IReadOnlyList<QuizEntryView> Entries, IReadOnlyList<QuizEntryView> Podium);

public sealed record QuizEntryView(int Rank, int ParticipantId, string Nickname, int Score, int CorrectAnswers, int Streak);

/// <summary>The asking participant: score and rank so far, their answer to the open question, and how the last revealed one went.</summary>
public sealed record QuizPlayerView(int ParticipantId, int Score, int? Rank, int Players, int Streak, int CorrectAnswers, IReadOnlyList<int>? Answer, QuizOutcome? Last);
