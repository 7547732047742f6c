using Conflicto.Data.Activities;
using Conflicto.Data.Quiz;
using Conflicto.Processing.ActivityTypes;
using Conflicto.Processing.Quiz;
using Conflicto.Processing.Results;

namespace Conflicto.Server.Summaries;

/// <summary>
/// Winners of the types whose results document names nobody (it reaches every participant):
/// - a quiz: its podium, the places 1–3 of the standings over the revealed questions (ties
///   included, at most <see cref="HighlightReader.MaxWinners"/>, nobody without points), as
///   <c>GET /activities/{id}/leaderboard</c> computes them; none for an anonymous quiz, the host
///   included (docs/quiz.md);
/// - a numeric guess, once revealed: the closest guesses (all rank 1, the guess as score),
///   without the anonymous ones.
/// </summary>
public sealed class SummaryWinners(QuizStore quizzes)
{
    public async Task<IReadOnlyList<SummaryWinner>?> ReadAsync(ActivityRow activity, object? results, CancellationToken ct)
    {
        if (QuizSecrets.IsQuiz(activity.ActivityType)) return await QuizPodiumAsync(activity, ct);
        if (activity.ActivityType == ActivityTypeCatalog.Numeric && results is NumericSnapshot { Revealed: true, Winners.Count: > 0 } numeric)
            return await ClosestAsync(activity, numeric, ct);
        return null;
    }

    private async Task<IReadOnlyList<SummaryWinner>?> QuizPodiumAsync(ActivityRow activity, CancellationToken ct)
    {
        var quiz = QuizDefinition.From(activity.Configuration);
        if (quiz.Anonymous || Anonymity.IsAnonymous(activity.Configuration)) return null;
        if (await quizzes.GetAsync(activity.Id, ct) is not { } run || !run.Rounds.Any(r => r.RevealedAt is not null)) return null;
        var (answers, players) = await quizzes.StandingsInputAsync(activity.Id, activity.SessionId, ct);
        var podium = QuizStandings.Compute(quiz, run.Rounds, answers, players)
            .Where(s => s.Score > 0 && s.Rank <= QuizViews.PodiumSize).Take(HighlightReader.MaxWinners)
            .Select(s => new SummaryWinner(s.Rank, s.Nickname, s.Score)).ToList();
        return podium.Count > 0 ? podium : null;
    }

    private async Task<IReadOnlyList<SummaryWinner>?> ClosestAsync(ActivityRow activity, NumericSnapshot numeric, CancellationToken ct)
    {
        if (Anonymity.IsAnonymous(activity.Configuration)) return null;
        var (_, players) = await quizzes.StandingsInputAsync(activity.Id, activity.SessionId, ct);
        var names = players.ToDictionary(p => p.Id, p => p.Nickname);
        var closest = numeric.Winners
            .Where(w => w.ParticipantId is { } id && names.ContainsKey(id)).Take(HighlightReader.MaxWinners)
            .Select(w => new SummaryWinner(1, names[w.ParticipantId!.Value], w.Value)).ToList();
        return closest.Count > 0 ? closest : null;
    }
}
