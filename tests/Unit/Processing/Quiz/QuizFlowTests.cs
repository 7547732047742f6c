using System.Text.Json;
using Conflicto.Data.Activities;
using Conflicto.Data.Infrastructure;
using Conflicto.Data.Quiz;
using Conflicto.Processing.Quiz;
using static Conflicto.Tests.Unit.Processing.Quiz.QuizTestData;

namespace Conflicto.Tests.Unit.Processing.Quiz;

public sealed class QuizFlowTests
{
    private static QuizChangeInput Input(QuizRun run, DateTime now, string state = ActivityStates.Active, params QuizResponse[] answers)
    {
        var activity = Activity() with { State = state };
        return new QuizChangeInput(activity, run with { ActivityId = activity.Id }, answers, [Player(1, "ann")], now);
    }

    private static readonly QuizRun Lobby = QuizRun.Lobby(Guid.NewGuid(), 1);

    [Fact]
    public void Start_OpensTheFirstQuestion_WithTheServersDeadline()
    {
        var decision = QuizFlow.Decide(QuizFlow.Start, null, Input(Lobby, T0));
        Assert.Null(decision.Refused);
        Assert.Equal(QuizPhases.Question, decision.Run!.Phase);
        Assert.Equal(0, decision.Run.QuestionIndex);
        Assert.Equal(T0.AddSeconds(20), decision.Run.Current!.DeadlineAt);
        Assert.True(decision.Run.Accepts(0, T0.AddSeconds(19.9)));
        Assert.False(decision.Run.Accepts(0, T0.AddSeconds(20)));
    }

    [Fact]
    public void QuestionEvent_BeforeTheReveal_CarriesNoAnswerKey()
    {
        var decision = QuizFlow.Decide(QuizFlow.Start, null, Input(Lobby, T0));
        var json = Json.Serialize(decision.EventData);
        Assert.Contains("Capital of France?", json);
        Assert.DoesNotContain("correct", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Even numbers?", json); // later questions stay hidden too
    }

    [Fact]
    public void Reveal_ClosesAnswersEarly_AndShowsTheCorrectOptionsAndDistribution()
    {
        var open = QuizFlow.Decide(QuizFlow.Start, null, Input(Lobby, T0)).Run!;
        var decision = QuizFlow.Decide(QuizFlow.Reveal, null, Input(open, T0.AddSeconds(5), answers: [Answer(1, 0, [1], 1000)]));
        Assert.Equal(T0.AddSeconds(5), decision.Run!.Current!.DeadlineAt);
        var view = Assert.IsType<QuizView>(decision.EventData);
        Assert.Equal([1], view.Reveal!.CorrectIndices);
        Assert.Equal([0, 1, 0], view.Reveal.Distribution);
    }

    [Theory]
    [InlineData(QuizFlow.Reveal)]
    [InlineData(QuizFlow.Leaderboard)]
    public void ActionsOutOfOrder_AreRefused(string action) =>
        Assert.NotNull(QuizFlow.Decide(action, null, Input(Lobby, T0)).Refused);

    [Fact]
    public void Next_WhileAQuestionIsOpen_IsRefused_AndAfterTheLastQuestion_TooTells()
    {
        var open = QuizFlow.Decide(QuizFlow.Start, null, Input(Lobby, T0)).Run!;
        Assert.Contains("reveal it first", QuizFlow.Decide(QuizFlow.Next, null, Input(open, T0.AddSeconds(1))).Refused);
        var last = open with { Phase = QuizPhases.Revealed, QuestionIndex = 2 };
        Assert.Contains("no more questions", QuizFlow.Decide(QuizFlow.Next, null, Input(last, T0)).Refused);
    }

    [Fact]
    public void InactiveQuiz_CannotBeRun() =>
        Assert.Contains("active", QuizFlow.Decide(QuizFlow.Start, null, Input(Lobby, T0, ActivityStates.Published)).Refused);

    [Fact]
    public void End_ShowsThePodium_OfTheTopThree()
    {
        var run = Lobby with { Phase = QuizPhases.Leaderboard, QuestionIndex = 0, Rounds = [Round(0)] };
        var activity = Activity();
        var players = Enumerable.Range(1, 5).Select(i => Player(i, $"p{i}")).ToList();
        var answers = players.Select(p => Answer(p.Id, 0, [1], p.Id * 1000L)).ToArray();
        var decision = QuizFlow.Decide(QuizFlow.End, null, new QuizChangeInput(activity, run with { ActivityId = activity.Id }, answers, players, T0.AddMinutes(5)));
        var view = Assert.IsType<QuizView>(decision.EventData);
        Assert.Equal(QuizPhases.Podium, view.Phase);
        Assert.Equal(["p1", "p2", "p3"], view.Leaderboard!.Podium.Select(e => e.Nickname));
        Assert.Equal(5, view.Leaderboard.Entries.Count);
    }

    [Fact]
    public void AnonymousQuiz_LeaderboardListsNobody()
    {
        var config = Configuration.Replace("\"points_base\": 1000", "\"points_base\": 1000, \"anonymous\": true");
        var activity = Activity(config);
        var run = Lobby with { ActivityId = activity.Id, Phase = QuizPhases.Revealed, QuestionIndex = 0, Rounds = [Round(0)] };
        var decision = QuizFlow.Decide(QuizFlow.Leaderboard, null, new QuizChangeInput(activity, run, [Answer(1, 0, [1], 0)], [Player(1, "ann")], T0.AddMinutes(1)));
        var view = Assert.IsType<QuizView>(decision.EventData);
        Assert.Empty(view.Leaderboard!.Entries);
        Assert.Equal(1, view.Leaderboard.Players);
        Assert.DoesNotContain("ann", Json.Serialize(view));
    }
}
