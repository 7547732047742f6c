using System.Text.Json;
using Conflicto.Data.Responses;

namespace Conflicto.Processing.Quiz;

/// <summary>One answer per question: a second one answers with the first (an answer is locked once given).</summary>
internal sealed class QuizOnce : IParticipantRule
{
    public static readonly QuizOnce Instance = new();

    public string? OnceKey(JsonElement responseData) => QuizAnswer.Read(responseData) is { } a ? $"q:{a.QuestionIndex}" : null;

    public int Cost(JsonElement responseData) => 0;

    public int? Budget => null;

    public string OverBudget(int used) => "";
}
