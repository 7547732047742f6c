using Conflicto.Data.Activities;
using Conflicto.Data.Infrastructure;
using Conflicto.Data.Quiz;
using Conflicto.Processing.Quiz;

namespace Conflicto.Tests.Unit.Processing.Quiz;

/// <summary>A three-question quiz (20 s each; question 2 has two correct options) and helpers to play it.</summary>
internal static class QuizTestData
{
    public static readonly DateTime T0 = TestRows.Start;

    public const string Configuration = """
        {
          "questions": [
            { "text": "Capital of France?", "time_limit_seconds": 20, "options": [ { "text": "Lyon" }, { "text": "Paris", "correct": true }, { "text": "Nice" } ] },
            { "text": "Even numbers?", "time_limit_seconds": 20, "options": [ { "text": "2", "correct": true }, { "text": "3" }, { "text": "4", "correct": true } ] },
            { "text": "2 + 2?", "time_limit_seconds": 20, "options": [ { "text": "4", "correct": true }, { "text": "5" } ] }
          ],
          "points_base": 1000,
          "streak_bonus": 100
        }
        """;

    public static ActivityRow Activity(string configuration = Configuration) => TestRows.Activity("quiz", configuration);

    public static QuizDefinition Definition(string configuration = Configuration) => QuizDefinition.From(Json.Parse(configuration));

    /// <summary>Question i opened at T0 + 60 s × i, closed 20 s later, revealed then.</summary>
    public static QuizRound Round(int index, bool revealed = true) =>
        new(index, T0.AddSeconds(60 * index), T0.AddSeconds(60 * index + 20), revealed ? T0.AddSeconds(60 * index + 20) : null);

    public static QuizPlayer Player(int id, string nickname, int joinedSecond = -10) => new() { Id = id, Nickname = nickname, JoinedAt = T0.AddSeconds(joinedSecond) };

    public static QuizResponse Answer(int participant, int question, int[] options, long elapsedMs) => new()
    {
        ParticipantId = participant,
        ResponseData = new QuizAnswer(question, options, elapsedMs, elapsedMs, elapsedMs, 0).ToData(),
        CreatedAt = T0.AddSeconds(60 * question).AddMilliseconds(elapsedMs),
    };
}
