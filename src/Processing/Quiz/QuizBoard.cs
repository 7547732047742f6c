using Conflicto.Data.Quiz;

namespace Conflicto.Processing.Quiz;

/// <summary>
/// A quiz's answers and its session's players, with what every view derives from them worked out
/// once: the answers parsed (per question, per player) and the standings per run version. The
/// input never changes, so one board can serve every view built from it (the per-node standings
/// cache keeps one per quiz, so a reconnect storm mid-quiz reads and scores the room once, not
/// once per join). <see cref="Seq"/>: the session's last seq read before the answers and players,
/// so they hold every change up to it (0 when unknown).
/// </summary>
public sealed class QuizBoard
{
    private readonly Dictionary<int, List<(int ParticipantId, QuizAnswer Answer)>> _byQuestion = [];
    private readonly Dictionary<int, List<QuizAnswer>> _byPlayer = [];
    private readonly Lock _gate = new();
    private (string Key, IReadOnlyList<QuizStanding> Standings)? _standings;

    public QuizBoard(IReadOnlyList<QuizResponse> answers, IReadOnlyList<QuizPlayer> players, long seq = 0)
    {
        Answers = answers;
        Players = players;
        Seq = seq;
        foreach (var response in answers)
        {
            if (QuizAnswer.Read(response.ResponseData) is not { } answer) continue;
            if (!_byQuestion.TryGetValue(answer.QuestionIndex, out var toQuestion)) _byQuestion[answer.QuestionIndex] = toQuestion = [];
            toQuestion.Add((response.ParticipantId, answer));
            if (!_byPlayer.TryGetValue(response.ParticipantId, out var ofPlayer)) _byPlayer[response.ParticipantId] = ofPlayer = [];
            ofPlayer.Add(answer);
        }
    }

    public IReadOnlyList<QuizResponse> Answers { get; }
    public IReadOnlyList<QuizPlayer> Players { get; }
    public long Seq { get; }

    /// <summary>Every stored answer to one question, in arrival order.</summary>
    public IReadOnlyList<(int ParticipantId, QuizAnswer Answer)> AnswersTo(int questionIndex) =>
        _byQuestion.TryGetValue(questionIndex, out var list) ? list : [];

    /// <summary>A player's (first) answer to one question, if any.</summary>
    public QuizAnswer? AnswerOf(int participantId, int questionIndex) =>
        _byPlayer.TryGetValue(participantId, out var list) ? list.FirstOrDefault(a => a.QuestionIndex == questionIndex) : null;

    /// <summary>The standings for this quiz as the run stands; computed once per configuration and run version.</summary>
    public IReadOnlyList<QuizStanding> Standings(QuizDefinition quiz, string configuration, QuizRun run)
    {
        var key = $"{run.UpdatedAt.Ticks}:{run.Phase}:{run.QuestionIndex}:{run.Rounds.Count}:{run.Rounds.Count(r => r.RevealedAt is not null)}:{configuration}";
        lock (_gate)
        {
            if (_standings is { } memo && memo.Key == key) return memo.Standings;
        }
        var standings = QuizStandings.Compute(quiz, run.Rounds, Answers, Players);
        lock (_gate) _standings = (key, standings);
        return standings;
    }
}
