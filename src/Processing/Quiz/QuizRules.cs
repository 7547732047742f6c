using System.Text.Json;

namespace Conflicto.Processing.Quiz;

/// <summary>The quiz's configuration checks JSON Schema cannot say, and what a valid answer is.</summary>
public static class QuizRules
{
    public static void Configuration(JsonElement configuration, List<string> errors)
    {
        var quiz = QuizDefinition.From(configuration);
        foreach (var q in quiz.Questions)
        {
            if (q.Correct.Count == 0) errors.Add($"questions[{q.Index}]: mark at least one option correct (\"correct\": true)");
            if (q.Options.Any(string.IsNullOrWhiteSpace)) errors.Add($"questions[{q.Index}].options: option texts must not be blank");
            else if (q.Options.Select(o => o.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() != q.Options.Count)
                errors.Add($"questions[{q.Index}].options: option texts must be unique");
            if (string.IsNullOrWhiteSpace(q.Text)) errors.Add($"questions[{q.Index}].text must not be blank");
        }
    }

    /// <summary>
    /// A well-formed answer to one of the quiz's questions. Whether that question is open now is the
    /// run's business (<c>409</c> when it is not), checked where the answer arrives.
    /// </summary>
    public static IReadOnlyList<string> Response(JsonElement configuration, JsonElement data)
    {
        var answer = QuizAnswer.Read(data);
        if (answer is null)
            return ["a quiz answer needs question_index (an integer) and option_indices (integers) or option_index, optionally client_elapsed_ms"];
        var question = QuizDefinition.From(configuration).Question(answer.QuestionIndex);
        if (question is null) return ["question_index is not a question of this quiz"];
        if (answer.OptionIndices.Count == 0) return ["pick at least one option"];
        if (answer.OptionIndices.Any(i => i < 0 || i >= question.Options.Count)) return [$"option indices must be between 0 and {question.Options.Count - 1}"];
        if (answer.OptionIndices.Distinct().Count() != answer.OptionIndices.Count) return ["option_indices must not repeat an option"];
        if (!question.MultiSelect && answer.OptionIndices.Count > 1) return ["this question takes one option"];
        return [];
    }
}
