using Conflicto.Data.Quiz;
using Conflicto.Processing.Quiz;
using static Conflicto.Tests.Unit.Processing.Quiz.QuizTestData;

namespace Conflicto.Tests.Unit.Processing.Quiz;

public sealed class QuizStandingsTests
{
    private static readonly QuizDefinition Quiz = Definition();

    [Fact]
    public void Correctness_OnlyExactlyTheCorrectOptionsScore()
    {
        var standings = QuizStandings.Compute(Quiz, [Round(0), Round(1)],
            [Answer(1, 0, [1], 0), Answer(2, 0, [0], 0), Answer(1, 1, [0], 0), Answer(2, 1, [0, 2], 0)],
            [Player(1, "ann"), Player(2, "bob")]);
        var ann = standings.Single(s => s.ParticipantId == 1);
        var bob = standings.Single(s => s.ParticipantId == 2);
        Assert.Equal(1000, ann.Score); // question 2 half right (one of two) earns nothing
        Assert.Equal(1, ann.CorrectAnswers);
        Assert.Equal(1000, bob.Score);
        Assert.True(bob.Last!.Correct);
        Assert.False(ann.Last!.Correct);
    }

    [Fact]
    public void UnrevealedQuestion_CountsForNobody()
    {
        var standings = QuizStandings.Compute(Quiz, [Round(0), Round(1, revealed: false)],
            [Answer(1, 0, [1], 0), Answer(1, 1, [0, 2], 0)], [Player(1, "ann")]);
        Assert.Equal(1000, standings[0].Score);
        Assert.Equal(0, standings[0].Last!.QuestionIndex);
    }

    [Fact]
    public void Streak_AddsABonusPerConsecutiveCorrectAnswer_AndAWrongOrMissedAnswerResetsIt()
    {
        var rounds = new[] { Round(0), Round(1), Round(2) };
        var allRight = QuizStandings.Compute(Quiz, rounds, [Answer(1, 0, [1], 0), Answer(1, 1, [0, 2], 0), Answer(1, 2, [0], 0)], [Player(1, "ann")]);
        Assert.Equal(1000 + 1100 + 1200, allRight[0].Score);
        Assert.Equal(3, allRight[0].Streak);

        var missedMiddle = QuizStandings.Compute(Quiz, rounds, [Answer(1, 0, [1], 0), Answer(1, 2, [0], 0)], [Player(1, "ann")]);
        Assert.Equal(2000, missedMiddle[0].Score);
        Assert.Equal(1, missedMiddle[0].Streak);
    }

    [Fact]
    public void Ties_ShareARank_AndAreListedByNickname()
    {
        var standings = QuizStandings.Compute(Quiz, [Round(0)],
            [Answer(1, 0, [1], 0), Answer(2, 0, [1], 0), Answer(3, 0, [1], 20_000), Answer(4, 0, [0], 0)],
            [Player(1, "zoe"), Player(2, "Adam"), Player(3, "carl"), Player(4, "dora")]);
        Assert.Equal(["Adam", "zoe", "carl", "dora"], standings.Select(s => s.Nickname));
        Assert.Equal([1, 1, 3, 4], standings.Select(s => s.Rank));
    }

    [Fact]
    public void LateJoiner_IsScoredFromTheQuestionTheyJoinedAt_WithoutPenaltyForEarlierOnes()
    {
        // Joined during question 1 (opened at 60 s): question 0 is not theirs, questions 1 and 2 are.
        var late = Player(2, "late", joinedSecond: 65);
        var standings = QuizStandings.Compute(Quiz, [Round(0), Round(1), Round(2)],
            [Answer(2, 1, [0, 2], 0), Answer(2, 2, [0], 0)], [Player(1, "early"), late]);
        var player = standings.Single(s => s.ParticipantId == 2);
        Assert.Equal(2, player.Eligible);
        Assert.Equal(2, player.Streak); // question 0 did not break anything
        Assert.Equal(1000 + 1100, player.Score);
        var early = standings.Single(s => s.ParticipantId == 1);
        Assert.Equal(3, early.Eligible); // missed everything: eligible, no points
        Assert.Equal(0, early.Score);
        Assert.Equal(1, player.Rank);
    }

    [Fact]
    public void JoinedAfterAQuestionClosed_AndNeverAnswered_IsNotCountedAsMissingIt()
    {
        var standings = QuizStandings.Compute(Quiz, [Round(0)], [], [Player(1, "late", joinedSecond: 30)]);
        Assert.Equal(0, standings[0].Eligible);
        Assert.Null(standings[0].Last);
    }

    [Fact]
    public void LeftPlayerWithoutAnswers_IsNotListed_ButOneWithPointsIs()
    {
        var gone = new QuizPlayer { Id = 2, Nickname = "gone", JoinedAt = T0.AddSeconds(-10), LeftAt = T0.AddSeconds(5) };
        var scorer = new QuizPlayer { Id = 3, Nickname = "scorer", JoinedAt = T0.AddSeconds(-10), LeftAt = T0.AddSeconds(50) };
        var standings = QuizStandings.Compute(Quiz, [Round(0)], [Answer(3, 0, [1], 0)], [Player(1, "stay"), gone, scorer]);
        Assert.Equal(["scorer", "stay"], standings.Select(s => s.Nickname));
    }

    [Fact]
    public void FasterCorrectAnswer_ScoresMore()
    {
        var standings = QuizStandings.Compute(Quiz, [Round(0)], [Answer(1, 0, [1], 2_000), Answer(2, 0, [1], 12_000)], [Player(1, "fast"), Player(2, "slow")]);
        Assert.Equal(950, standings[0].Score);
        Assert.Equal(700, standings[1].Score);
    }
}
