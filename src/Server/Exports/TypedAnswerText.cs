using System.Text.Json;
using Conflicto.Data.Activities;
using Conflicto.Processing.ActivityTypes.Types;
using Conflicto.Processing.Quiz;
using Conflicto.Processing.Results;

namespace Conflicto.Server.Exports;

/// <summary>
/// The answer cell of the newer types (see <see cref="AnswerText"/>), each read as its own rules read it:
/// - quiz: <c>Q2: Paris; Rome (correct)</c>, the question's number and the picked options' texts,
///   marked against the answer key (an export is the host's, who holds the key);
/// - ranking: <c>B &gt; A &gt; C</c>, best first;
/// - scale: <c>4/5</c>, or per statement <c>Speed: 4/5; Price: –</c>;
/// - numeric: the number, with its unit.
/// A response that does not read (an old shape) is null here, and flattened generically instead.
/// </summary>
public static class TypedAnswerText
{
    public static string? Quiz(ActivityRow activity, JsonElement data)
    {
        if (QuizAnswer.Read(data) is not { } answer) return null;
        if (QuizDefinition.From(activity.Configuration).Question(answer.QuestionIndex) is not { } question) return $"Q{answer.QuestionIndex + 1}: {string.Join("; ", answer.OptionIndices)}";
        var picked = answer.OptionIndices.Select(i => i >= 0 && i < question.Options.Count ? question.Options[i] : $"#{i}");
        return $"Q{question.Index + 1}: {string.Join("; ", picked)} ({(question.IsCorrect(answer.OptionIndices) ? "correct" : "wrong")})";
    }

    public static string? Ranking(ActivityRow activity, JsonElement data)
    {
        var (order, error) = RankingType.Read(activity.Configuration, data);
        var items = RankingType.Items(activity.Configuration);
        return error is null ? string.Join(" > ", order.Select(i => items[i])) : null;
    }

    public static string? Scale(ActivityRow activity, JsonElement data)
    {
        var (ratings, error) = ScaleType.Read(activity.Configuration, data);
        if (error is not null) return null;
        var max = ScaleType.Max(activity.Configuration);
        string Rating(int? r) => r is { } v ? $"{v}/{max}" : "–";
        if (!ScaleType.HasStatements(activity.Configuration) && ratings.Count == 1) return Rating(ratings[0]);
        var statements = ScaleType.Statements(activity.Configuration);
        return string.Join("; ", ratings.Select((r, i) => $"{(i < statements.Count ? statements[i] : $"#{i + 1}")}: {Rating(r)}"));
    }

    public static string? Numeric(ActivityRow activity, JsonElement data)
    {
        var (value, error) = NumericType.Read(activity.Configuration, data);
        if (error is not null) return null;
        return ResponseData.String(activity.Configuration, "unit") is { Length: > 0 } unit ? $"{NumericType.Text(value)} {unit}" : NumericType.Text(value);
    }
}
