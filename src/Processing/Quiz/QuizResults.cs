using Conflicto.Data.Responses;
using Conflicto.Processing.Results;

namespace Conflicto.Processing.Quiz;

/// <summary>
/// The live results of a quiz: how many answered each question, nothing about which options or
/// who was right (that is the reveal's, and it goes out with <c>quiz.updated</c>). Results reach
/// every participant, so they must not hint at the answer nor let the room copy the crowd.
/// </summary>
public sealed class QuizResults : IResultsAggregator
{
    public const string ResultType = "quiz_results";

    private readonly SortedDictionary<int, int> _answers = [];

    public void Add(ResponseRow response) => Apply(response, +1);

    public void Remove(ResponseRow response) => Apply(response, -1);

    private void Apply(ResponseRow response, int delta)
    {
        if (QuizAnswer.Read(response.ResponseData) is not { } answer) return;
        var count = _answers.GetValueOrDefault(answer.QuestionIndex) + delta;
        if (count <= 0) _answers.Remove(answer.QuestionIndex); else _answers[answer.QuestionIndex] = count;
    }

    public object Snapshot() => new QuizResultsSnapshot(
        ResultType, _answers.Select(kv => new QuizQuestionCount(kv.Key, kv.Value)).ToList(), _answers.Values.Sum());
}

public sealed record QuizQuestionCount(int QuestionIndex, int Answers);

public sealed record QuizResultsSnapshot(string Type, IReadOnlyList<QuizQuestionCount> Questions, int TotalAnswers);
