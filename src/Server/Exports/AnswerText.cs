using System.Text.Json;
using Conflicto.Data.Activities;
using Conflicto.Processing.ActivityTypes;
using Conflicto.Processing.Results;

namespace Conflicto.Server.Exports;

/// <summary>
/// A response's answer as one readable cell, beside its raw JSON. Known types read their own
/// shape (a poll's option indices become the options' texts, a Q&amp;A upvote says which question,
/// quiz, ranking, scale and numeric answers read as <see cref="TypedAnswerText"/> says);
/// every other type, those added later included, is flattened generically: one field shows its
/// value, several show <c>name: value</c> pairs, lists are joined with <c>; </c>.
/// </summary>
public static class AnswerText
{
    public static string Of(ActivityRow activity, JsonElement data) => activity.ActivityType switch
    {
        ActivityTypeCatalog.Poll => Poll(activity, data) ?? Generic(data),
        ActivityTypeCatalog.Qa or ActivityTypeCatalog.Qna => Question(data) ?? Generic(data),
        ActivityTypeCatalog.Quiz => TypedAnswerText.Quiz(activity, data) ?? Generic(data),
        ActivityTypeCatalog.Ranking => TypedAnswerText.Ranking(activity, data) ?? Generic(data),
        ActivityTypeCatalog.Scale => TypedAnswerText.Scale(activity, data) ?? Generic(data),
        ActivityTypeCatalog.Numeric => TypedAnswerText.Numeric(activity, data) ?? Generic(data),
        _ => Generic(data),
    };

    private static string? Poll(ActivityRow activity, JsonElement data)
    {
        var options = ResponseData.StringList(activity.Configuration, "options");
        var (indices, error) = PollResults.Resolve(options, allowMultiple: true, data);
        return error is null ? string.Join("; ", indices.Select(i => options[i])) : null;
    }

    private static string? Question(JsonElement data)
    {
        if (QaResults.QuestionText(data) is { } text) return text.Trim();
        return QaResults.UpvoteTarget(data) is { } id ? $"upvote: {id}" : null;
    }

    public static string Generic(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object) return Value(data);
        var fields = data.EnumerateObject().ToList();
        if (fields.Count == 1) return Value(fields[0].Value);
        return string.Join("; ", fields.Select(f => $"{f.Name}: {Value(f.Value)}"));
    }

    private static string Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(Value)),
        JsonValueKind.Object => value.GetRawText(),
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => ResponseData.ScalarText(value) ?? value.GetRawText(),
    };
}
