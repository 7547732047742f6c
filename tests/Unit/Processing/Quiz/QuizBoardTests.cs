using Conflicto.Data.Quiz;
using Conflicto.Data.Infrastructure;
using Conflicto.Processing.Quiz;
using static Conflicto.Tests.Unit.Processing.Quiz.QuizTestData;

namespace Conflicto.Tests.Unit.Processing.Quiz;

/// <summary>A shared board (what the per-node standings cache keeps) builds the same views as fresh answers and players.</summary>
public sealed class QuizBoardTests
{
    private static readonly QuizResponse[] Answers = [Answer(1, 0, [1], 500), Answer(2, 0, [0], 300), Answer(3, 0, [1], 9000), Answer(1, 1, [0, 2], 100)];
    private static readonly QuizPlayer[] Players = [Player(1, "ann"), Player(2, "bob"), Player(3, "cy"), Player(4, "dee")];

    public static TheoryData<string, int> Runs => new()
    {
        { QuizPhases.Question, 0 }, { QuizPhases.Revealed, 0 }, { QuizPhases.Leaderboard, 0 }, { QuizPhases.Question, 1 }, { QuizPhases.Podium, 1 },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void ViewsFromOneSharedBoard_EqualViewsFromFreshLists_ForEveryAsker(string phase, int question)
    {
        var activity = Activity();
        var run = RunAt(activity, phase, question);
        var board = new QuizBoard(Answers, Players, seq: 7);
        foreach (var me in new int?[] { null, 1, 2, 3, 4, 99 })
        {
            var fresh = QuizViews.Build(activity, run, Answers, Players, T0.AddSeconds(200), me);
            var shared = QuizViews.Build(activity, run, board, T0.AddSeconds(200), me);
            Assert.Equal(Json.Serialize(fresh), Json.Serialize(shared));
        }
    }

    [Fact]
    public void Standings_AreComputedOncePerRunVersion_AndAgainWhenTheRunMoves()
    {
        var activity = Activity();
        var board = new QuizBoard(Answers, Players);
        var revealed = RunAt(activity, QuizPhases.Revealed, 0);
        var first = board.Standings(Definition(), activity.Configuration.GetRawText(), revealed);
        Assert.Same(first, board.Standings(Definition(), activity.Configuration.GetRawText(), revealed));
        var next = RunAt(activity, QuizPhases.Revealed, 1);
        var moved = board.Standings(Definition(), activity.Configuration.GetRawText(), next);
        Assert.NotSame(first, moved);
        Assert.Equal(QuizStandings.Compute(Definition(), next.Rounds, Answers, Players).Select(s => (s.ParticipantId, s.Score, s.Rank)),
            moved.Select(s => (s.ParticipantId, s.Score, s.Rank)));
    }

    private static QuizRun RunAt(Conflicto.Data.Activities.ActivityRow activity, string phase, int question)
    {
        var open = phase == QuizPhases.Question;
        var rounds = Enumerable.Range(0, question + 1).Select(i => Round(i, revealed: !(open && i == question))).ToList();
        return new QuizRun(activity.Id, activity.SessionId, phase, question, rounds, T0.AddSeconds(60 * question + (open ? 0 : 25)));
    }
}
