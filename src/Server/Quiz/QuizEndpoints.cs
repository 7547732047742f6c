using Conflicto.Processing.Quiz;
using Conflicto.Server.Access;
using Conflicto.Server.Infrastructure;
using Conflicto.Server.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Conflicto.Server.Quiz;

/// <summary>A quiz's run over REST: its state, its leaderboard, and the host's actions (docs/quiz.md).</summary>
public static class QuizEndpoints
{
    public static RouteGroupBuilder MapQuizEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/activities").WithTags("Quiz");
        group.MapGet("/{activityId}/quiz", GetAsync).WithName("GetQuiz").AcceptsAdminCodeOrParticipantToken().ProducesProblems(404)
            .WithSummary("A quiz's run: phase, open question (without its answer), reveal, leaderboard, and the participant's own standing")
            .WithDescription("The same document as the quiz.updated event and the hub's GetQuiz; me is filled for a participant token.");
        group.MapGet("/{activityId}/leaderboard", GetLeaderboardAsync).WithName("GetQuizLeaderboard").AcceptsAdminCodeOrParticipantToken().ProducesProblems(404)
            .WithSummary("A quiz's leaderboard over its revealed questions, and the participant's own rank")
            .WithDescription("Equal scores share a rank. An anonymous quiz lists nobody: a participant sees only their own rank (me).");
        group.MapPost("/{activityId}/quiz/actions", ActAsync).WithName("RunQuiz").RequiresAdminCode().ProducesProblems(404, 409)
            .WithSummary("Host: start a question, reveal it, show the leaderboard, go to the next question, or end with the podium")
            .WithDescription("action: start (question_index, default the next), reveal, leaderboard, next, end. An action the run cannot take now is 409.");
        return group;
    }

    public static async Task<Results<Ok<QuizView>, ProblemHttpResult>> GetAsync(Guid activityId, Caller caller, QuizService quiz, CancellationToken ct)
    {
        var (view, refusal) = await quiz.ViewAsync(caller, activityId, ct);
        return view is not null ? TypedResults.Ok(view) : refusal!.ToProblem();
    }

    public static async Task<Results<Ok<QuizLeaderboardResponse>, ProblemHttpResult>> GetLeaderboardAsync(Guid activityId, Caller caller, QuizService quiz, CancellationToken ct)
    {
        var (board, refusal) = await quiz.LeaderboardAsync(caller, activityId, ct);
        return board is not null ? TypedResults.Ok(board) : refusal!.ToProblem();
    }

    public static async Task<Results<Ok<QuizView>, ProblemHttpResult>> ActAsync(Guid activityId, QuizActionRequest body, Caller caller, QuizService quiz, CancellationToken ct)
    {
        var (view, refusal) = await quiz.ActAsync(caller, activityId, body.Action, body.QuestionIndex, ct);
        return view is not null ? TypedResults.Ok(view) : refusal!.ToProblem();
    }
}

/// <param name="Action">start, reveal, leaderboard, next or end.</param>
/// <param name="QuestionIndex">start only: which question (0-based); default the one after the current.</param>
public sealed record QuizActionRequest(string? Action, int? QuestionIndex = null);

/// <summary>The leaderboard as the caller sees it: the same <see cref="QuizLeaderboardView"/> the quiz view carries in the leaderboard and podium phases.</summary>
public sealed record QuizLeaderboardResponse(Guid ActivityId, string Phase, QuizLeaderboardView Leaderboard, QuizPlayerView? Me);
