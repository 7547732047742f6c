using Conflicto.Data.Activities;
using Conflicto.Data.Quiz;

namespace Conflicto.Processing.Quiz;

/// <summary>
/// The host's actions on a quiz run and what each may follow: <c>start</c> (a question, by default
/// the next), <c>reveal</c> (closes answers early if the deadline has not passed), <c>leaderboard</c>,
/// <c>next</c> (start the next question) and <c>end</c> (the podium). A refused action changes nothing.
/// </summary>
public static class QuizFlow
{
    public const string Start = "start";
    public const string Reveal = "reveal";
    public const string Leaderboard = "leaderboard";
    public const string Next = "next";
    public const string End = "end";

    public static readonly IReadOnlyList<string> Actions = [Start, Reveal, Leaderboard, Next, End];

    public static QuizChangeDecision Decide(string action, int? questionIndex, QuizChangeInput input)
    {
        var (activity, run, now) = (input.Activity, input.Run, input.Now);
        if (activity.ActivityType != Conflicto.Processing.ActivityTypes.ActivityTypeCatalog.Quiz)
            return QuizChangeDecision.Refuse($"Activity {activity.Id} is a {activity.ActivityType}, not a quiz.");
        if (activity.State != ActivityStates.Active)
            return QuizChangeDecision.Refuse($"The quiz must be active to run it (state: {activity.State}); open it first.");
        var quiz = QuizDefinition.From(activity.Configuration);
        QuizRun next;
        switch (action)
        {
            case Start or Next:
                if (run.Phase == QuizPhases.Question) return QuizChangeDecision.Refuse($"Question {run.QuestionIndex + 1} is still open: reveal it first.");
                if (run.Phase == QuizPhases.Podium) return QuizChangeDecision.Refuse("The quiz has ended.");
                var index = action == Start && questionIndex is { } wanted ? wanted : run.QuestionIndex + 1;
                if (quiz.Question(index) is not { } question)
                    return QuizChangeDecision.Refuse(action == Next ? "There are no more questions: end the quiz." : $"The quiz has no question {index}.");
                if (run.Rounds.Any(r => r.QuestionIndex == index)) return QuizChangeDecision.Refuse($"Question {index + 1} was already played.");
                next = run with
                {
                    Phase = QuizPhases.Question, QuestionIndex = index,
                    Rounds = [.. run.Rounds, new QuizRound(index, now, now.AddSeconds(question.TimeLimitSeconds), null)],
                };
                break;
            case Reveal:
                if (run.Phase != QuizPhases.Question || run.Current is not { } round) return QuizChangeDecision.Refuse("No question is open to reveal.");
                var revealed = round with { DeadlineAt = round.DeadlineAt < now ? round.DeadlineAt : now, RevealedAt = now };
                next = run with { Phase = QuizPhases.Revealed, Rounds = [.. run.Rounds.Select(r => r.QuestionIndex == round.QuestionIndex ? revealed : r)] };
                break;
            case Leaderboard:
                if (run.Phase is not (QuizPhases.Revealed or QuizPhases.Leaderboard)) return QuizChangeDecision.Refuse("Reveal the question before showing the leaderboard.");
                next = run with { Phase = QuizPhases.Leaderboard };
                break;
            case End:
                if (run.Phase == QuizPhases.Question) return QuizChangeDecision.Refuse($"Question {run.QuestionIndex + 1} is still open: reveal it first.");
                if (run.Phase == QuizPhases.Podium) return QuizChangeDecision.Refuse("The quiz has already ended.");
                next = run with { Phase = QuizPhases.Podium };
                break;
            default:
                return QuizChangeDecision.Refuse($"Unknown action '{action}'.");
        }
        var view = QuizViews.Build(activity, next, input.Answers, input.Players, now, me: null);
        return new QuizChangeDecision(next, view, null);
    }
}
