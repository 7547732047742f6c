using System.Globalization;
using System.Text.Json;
using Conflicto.Data.Activities;
using Conflicto.Data.Exports;
using Conflicto.Processing.Quiz;
using Conflicto.Processing.Results;

namespace Conflicto.Server.Exports;

/// <summary>
/// One cell of a tabular export: its text exactly as the CSV writes it, and whether it is a number
/// (the XLSX writes those as numeric cells). Text only, so the formats cannot drift: the XLSX reads
/// a number back from the same text the CSV prints.
/// </summary>
public readonly record struct ExportCell(string? Text, bool IsNumber = false)
{
    public static implicit operator ExportCell(string? text) => new(text);

    public static ExportCell Number(long? value) => new(value?.ToString(CultureInfo.InvariantCulture), value is not null);
}

/// <summary>
/// The rows of the tabular formats (CSV parts, XLSX sheets), built once here for both:
/// <see cref="ExportParts.Responses"/> one per response, <see cref="ExportParts.Results"/> one per value of
/// each activity's results (its JSON flattened to paths such as <c>options[0].votes</c>),
/// <see cref="ExportParts.Scores"/> one per player of each quiz.
/// </summary>
public static class ExportRows
{
    public static readonly string[] ResponseColumns =
    [
        "activity_id", "activity_title", "activity_type", "response_id", "participant_id", "nickname", "anonymous",
        "submitted_at", "updated_at", "answer", "moderation", "response_data",
    ];

    public static readonly string[] ResultColumns = ["activity_id", "activity_title", "activity_type", "field", "value"];

    public static readonly string[] ScoreColumns = ["activity_id", "activity_title", "rank", "participant_id", "nickname", "score", "correct_answers", "answered"];

    public static ExportCell[] Header(string[] columns) => [.. columns.Select(c => (ExportCell)c)];

    /// <param name="row">The activity as listed (its id, title and type, the same in every part).</param>
    public static ExportCell[] Response(ActivityRow row, ExportedActivity activity, ExportedResponse r) =>
    [
        row.Id.ToString(), row.Title, row.ActivityType, r.Id.ToString(), ExportCell.Number(r.ParticipantId),
        r.Nickname, r.Anonymous ? "true" : "false", ExportSource.Time(r.CreatedAt), ExportSource.Time(r.UpdatedAt),
        AnswerText.Of(activity.Activity, r.ResponseData), ExportSource.Moderation(r), r.ResponseData.GetRawText(),
    ];

    public static IEnumerable<ExportCell[]> Results(ActivityRow row, ExportedActivity activity) =>
        Leaves(activity.Results, "").Select(leaf => new ExportCell[] { row.Id.ToString(), row.Title, row.ActivityType, leaf.Path, leaf.Value });

    public static ExportCell[] Score(ActivityRow quiz, QuizStanding s) =>
    [
        quiz.Id.ToString(), quiz.Title, ExportCell.Number(s.Rank), ExportCell.Number(s.ParticipantId), s.Nickname,
        ExportCell.Number(s.Score), ExportCell.Number(s.CorrectAnswers), ExportCell.Number(s.Answered),
    ];

    /// <summary>Every scalar of a results document with its path; an empty list or object is one row with an empty value.</summary>
    public static IEnumerable<(string Path, ExportCell Value)> Leaves(JsonElement value, string path)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var any = false;
                foreach (var p in value.EnumerateObject())
                {
                    any = true;
                    foreach (var leaf in Leaves(p.Value, path.Length == 0 ? p.Name : $"{path}.{p.Name}")) yield return leaf;
                }
                if (!any && path.Length > 0) yield return (path, "");
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in value.EnumerateArray())
                    foreach (var leaf in Leaves(item, $"{path}[{i++}]")) yield return leaf;
                if (i == 0) yield return (path, "");
                break;
            default:
                yield return (path, new ExportCell(ResponseData.ScalarText(value) ?? "", value.ValueKind == JsonValueKind.Number));
                break;
        }
    }
}

/// <summary>What a CSV export holds: the responses (default), the results, or the quizzes' scores.</summary>
public static class ExportParts
{
    public const string Responses = "responses";
    public const string Results = "results";
    public const string Scores = "scores";
}
