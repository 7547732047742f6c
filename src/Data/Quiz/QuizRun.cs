using System.Text.Json;
using Conflicto.Data.Infrastructure;

namespace Conflicto.Data.Quiz;

/// <summary>The phases of a quiz run, in the order the host normally drives them.</summary>
public static class QuizPhases
{
    /// <summary>No question started yet.</summary>
    public const string Lobby = "lobby";
    /// <summary>A question is open (answers are taken until its deadline).</summary>
    public const string Question = "question";
    /// <summary>The open question's correct options and distribution are shown.</summary>
    public const string Revealed = "revealed";
    public const string Leaderboard = "leaderboard";
    /// <summary>The quiz is over: the top three.</summary>
    public const string Podium = "podium";
}

/// <summary>One question as played: when it opened, when answers closed, when its answer was shown.</summary>
public sealed record QuizRound(int QuestionIndex, DateTime StartedAt, DateTime DeadlineAt, DateTime? RevealedAt);

/// <summary>A quiz activity's run, as stored (one row per quiz activity, created by its first host action).</summary>
public sealed record QuizRun(Guid ActivityId, int SessionId, string Phase, int QuestionIndex, IReadOnlyList<QuizRound> Rounds, DateTime UpdatedAt)
{
    public static QuizRun Lobby(Guid activityId, int sessionId) => new(activityId, sessionId, QuizPhases.Lobby, -1, [], DateTime.MinValue);

    /// <summary>The round of the question the run stands on, if one was started.</summary>
    public QuizRound? Current => Rounds.LastOrDefault(r => r.QuestionIndex == QuestionIndex);

    /// <summary>Whether answers to <paramref name="questionIndex"/> are taken at <paramref name="at"/>.</summary>
    public bool Accepts(int questionIndex, DateTime at) =>
        Phase == QuizPhases.Question && QuestionIndex == questionIndex && Current is { } round && at < round.DeadlineAt;

    internal static QuizRun FromRow(QuizRunRow row) => new(row.ActivityId, row.SessionId, row.Phase, row.QuestionIndex,
        JsonSerializer.Deserialize<List<QuizRound>>(row.Rounds.GetRawText(), Json.Options) ?? [], row.UpdatedAt);
}

internal sealed record QuizRunRow
{
    public Guid ActivityId { get; init; }
    public int SessionId { get; init; }
    public string Phase { get; init; } = QuizPhases.Lobby;
    public int QuestionIndex { get; init; }
    public JsonElement Rounds { get; init; }
    public DateTime UpdatedAt { get; init; }
}

/// <summary>A player as the leaderboard needs them.</summary>
public sealed record QuizPlayer
{
    public int Id { get; init; }
    public string Nickname { get; init; } = "";
    public DateTime JoinedAt { get; init; }
    public DateTime? LeftAt { get; init; }
}

/// <summary>A stored answer: who, when it arrived, and its data.</summary>
public sealed record QuizResponse
{
    public int ParticipantId { get; init; }
    public JsonElement ResponseData { get; init; }
    public DateTime CreatedAt { get; init; }
}

/// <summary>Everything a host action decides on, read under the session lock.</summary>
public sealed record QuizChangeInput(Activities.ActivityRow Activity, QuizRun Run, IReadOnlyList<QuizResponse> Answers, IReadOnlyList<QuizPlayer> Players, DateTime Now);

/// <summary>The decision: the run to store and the <c>quiz.updated</c> payload, or why the action is refused (409).</summary>
public sealed record QuizChangeDecision(QuizRun? Run, object? EventData, string? Refused)
{
    public static QuizChangeDecision Refuse(string why) => new(null, null, why);
}
