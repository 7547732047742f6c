using Conflicto.Data.Quiz;

namespace Conflicto.Processing.Quiz;

/// <summary>What one player got for one revealed question.</summary>
public sealed record QuizOutcome(int QuestionIndex, bool Answered, bool Correct, int Points, int Streak);

/// <summary>One player's standing over the revealed questions.</summary>
public sealed record QuizStanding(int ParticipantId, string Nickname, int Score, int Rank, int Streak, int CorrectAnswers, int Answered, int Eligible, QuizOutcome? Last);

/// <summary>
/// The leaderboard, computed from scratch from the stored answers (deterministic: REST, the hub and
/// a reconnect read the same). Only revealed questions count, so a standing never tells anyone
/// whether the open question's answer was right.
/// - Late joiners: a question counts for a player who joined before its deadline (or answered it);
///   earlier ones are neither wrong nor a broken streak, they simply earned nothing.
/// - Ties: equal scores share a rank (1, 1, 3); among them the list is ordered by nickname, then join order.
/// </summary>
public static class QuizStandings
{
    public static IReadOnlyList<QuizStanding> Compute(QuizDefinition quiz, IReadOnlyList<QuizRound> rounds, IReadOnlyList<QuizResponse> answers, IReadOnlyList<QuizPlayer> players)
    {
        var revealed = rounds.Where(r => r.RevealedAt is not null).ToList();
        // The first answer per player and question is the one that counts (later ones are refused anyway).
        var byPlayer = answers
            .Select(a => (a.ParticipantId, a.CreatedAt, Answer: QuizAnswer.Read(a.ResponseData)))
            .Where(a => a.Answer is not null)
            .GroupBy(a => a.ParticipantId)
            .ToDictionary(g => g.Key, g => g.OrderBy(a => a.CreatedAt).GroupBy(a => a.Answer!.QuestionIndex).ToDictionary(q => q.Key, q => q.First().Answer!));

        var scored = new List<QuizStanding>();
        foreach (var player in players)
        {
            var mine = byPlayer.GetValueOrDefault(player.Id) ?? [];
            if (player.LeftAt is not null && mine.Count == 0) continue;
            int score = 0, streak = 0, correct = 0, answered = 0, eligible = 0;
            QuizOutcome? last = null;
            foreach (var round in revealed)
            {
                if (quiz.Question(round.QuestionIndex) is not { } question) continue;
                var answer = mine.GetValueOrDefault(round.QuestionIndex);
                if (answer is null && player.JoinedAt >= round.DeadlineAt) continue; // joined after it closed: not theirs to miss
                eligible++;
                if (answer is null)
                {
                    streak = 0;
                    last = new QuizOutcome(round.QuestionIndex, false, false, 0, 0);
                    continue;
                }
                answered++;
                var isCorrect = question.IsCorrect(answer.OptionIndices);
                var points = 0;
                if (isCorrect)
                {
                    correct++;
                    streak++;
                    points = QuizScoring.SpeedPoints(quiz, question, answer.ElapsedMs ?? question.TimeLimitMs) + QuizScoring.StreakBonus(quiz, streak);
                }
                else streak = 0;
                score += points;
                last = new QuizOutcome(round.QuestionIndex, true, isCorrect, points, streak);
            }
            scored.Add(new QuizStanding(player.Id, player.Nickname, score, 0, streak, correct, answered, eligible, last));
        }
        var ordered = scored
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Nickname, StringComparer.OrdinalIgnoreCase)
            .ThenBy(s => s.ParticipantId)
            .ToList();
        // Competition ranking: a player's rank is one more than the number of players with more points.
        for (var i = 0; i < ordered.Count; i++)
            ordered[i] = ordered[i] with { Rank = i > 0 && ordered[i - 1].Score == ordered[i].Score ? ordered[i - 1].Rank : i + 1 };
        return ordered;
    }
}
