using Conflicto.Data.Activities;
using Conflicto.Data.Quiz;

namespace Conflicto.Processing.Quiz;

/// <summary>Builds <see cref="QuizView"/>s: one function, so every route, event and snapshot shows a quiz the same way.</summary>
public static class QuizViews
{
    public const int PodiumSize = 3;

    /// <param name="me">The participant asking, if one is: their own standing goes in <c>me</c>.</param>
    public static QuizView Build(ActivityRow activity, QuizRun run, IReadOnlyList<QuizResponse> answers, IReadOnlyList<QuizPlayer> players, DateTime now, int? me) =>
        Build(activity, run, new QuizBoard(answers, players), now, me);

    /// <summary>The same view from a board (possibly cached and shared): the standings are computed once per run version.</summary>
    public static QuizView Build(ActivityRow activity, QuizRun run, QuizBoard board, DateTime now, int? me)
    {
        var quiz = QuizDefinition.From(activity.Configuration);
        var round = run.Current;
        var question = run.Phase == QuizPhases.Lobby ? null : quiz.Question(run.QuestionIndex);
        var current = board.AnswersTo(run.QuestionIndex);

        QuizRevealView? reveal = null;
        if (question is not null && round?.RevealedAt is not null)
        {
            var distribution = new int[question.Options.Count];
            foreach (var (_, answer) in current)
                foreach (var i in answer.OptionIndices.Where(i => i >= 0 && i < distribution.Length)) distribution[i]++;
            reveal = new QuizRevealView(question.Index, question.Correct, distribution, current.Count);
        }

        var showBoard = run.Phase is QuizPhases.Leaderboard or QuizPhases.Podium;
        var standings = showBoard || me is not null ? board.Standings(quiz, activity.Configuration.GetRawText(), run) : null;
        var leaderboard = showBoard ? Leaderboard(quiz, run, standings!) : null;
        var mine = me is { } id ? Me(id, run, standings!, board) : null;

        var open = run.Phase == QuizPhases.Question && round is not null;
        long? remaining = open ? Math.Max(0, (long)(round!.DeadlineAt - now).TotalMilliseconds) : null;
        return new QuizView(activity.Id, activity.SessionId, run.Phase, run.QuestionIndex, quiz.Questions.Count,
            question is null ? null : Public(question),
            round?.StartedAt, round?.DeadlineAt, remaining, Locked: !open || now >= round!.DeadlineAt, current.Count,
            reveal, leaderboard, mine, now);
    }

    /// <summary>The leaderboard in any phase (the view carries it in the leaderboard and podium phases; REST serves it any time).</summary>
    public static QuizLeaderboardView Leaderboard(QuizDefinition quiz, QuizRun run, IReadOnlyList<QuizStanding> standings)
    {
        var entries = quiz.Anonymous ? [] : standings.Take(quiz.LeaderboardSize)
            .Select(s => new QuizEntryView(s.Rank, s.ParticipantId, s.Nickname, s.Score, s.CorrectAnswers, s.Streak)).ToList();
        var podium = run.Phase == QuizPhases.Podium ? entries.Where(e => e.Rank <= PodiumSize).ToList() : [];
        return new QuizLeaderboardView(standings.Count, quiz.Anonymous, run.Rounds.Count(r => r.RevealedAt is not null), entries, podium);
    }

    /// <summary>A participant's own standing, and their answer to the question the run stands on.</summary>
    public static QuizPlayerView Me(int id, QuizRun run, IReadOnlyList<QuizStanding> standings, IReadOnlyList<QuizResponse> answers) =>
        Me(id, run, standings, new QuizBoard(answers, []));

    public static QuizPlayerView Me(int id, QuizRun run, IReadOnlyList<QuizStanding> standings, QuizBoard board)
    {
        var standing = standings.FirstOrDefault(s => s.ParticipantId == id);
        var answer = run.Phase == QuizPhases.Lobby ? null : board.AnswerOf(id, run.QuestionIndex);
        return new QuizPlayerView(id, standing?.Score ?? 0, standing?.Rank, standings.Count, standing?.Streak ?? 0, standing?.CorrectAnswers ?? 0,
            answer?.OptionIndices, standing?.Last);
    }

    public static QuizQuestionView Public(QuizQuestion q) =>
        new(q.Index, q.Text, q.ImageUrl, q.TimeLimitSeconds, q.Options.Select((text, i) => new QuizOptionView(i, text)).ToList(), q.MultiSelect);
}
