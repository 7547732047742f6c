using System.Text;
using System.Text.Json;

namespace Conflicto.Server.Exports;

/// <summary>
/// Writes an export as CSV (UTF-8 with a byte order mark, so Excel reads accents and emoji; CRLF
/// rows; cells through <see cref="CsvCells"/>), flushing as it reads: <see cref="ExportParts.Responses"/>
/// is one row per response, <see cref="ExportParts.Results"/> one row per value of each activity's
/// results (its JSON flattened to paths such as <c>options[0].votes</c>).
/// A failure once the first bytes are out aborts the response (a truncated file, never a short one that looks whole).
/// </summary>
public sealed class CsvExportWriter(ExportSource source, string part, string fileName) : IResult
{
    public static readonly string[] ResponseColumns =
    [
        "activity_id", "activity_title", "activity_type", "response_id", "participant_id", "nickname", "anonymous",
        "submitted_at", "updated_at", "answer", "moderation", "response_data",
    ];

    public static readonly string[] ResultColumns = ["activity_id", "activity_title", "activity_type", "field", "value"];

    private const int FlushAtChars = 32 * 1024;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    public async Task ExecuteAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        ExportNames.SetAttachment(http.Response, fileName);
        var body = http.Response.Body;
        await body.WriteAsync(ByteOrderMark, ct);

        var line = new StringBuilder();
        CsvCells.AppendRow(line, part == ExportParts.Results ? ResultColumns : ResponseColumns);
        foreach (var row in source.Activities)
        {
            var activity = await source.ReadActivityAsync(row, ct);
            if (part == ExportParts.Results)
            {
                foreach (var (field, value) in Leaves(activity.Results, ""))
                    CsvCells.AppendRow(line, [row.Id.ToString(), row.Title, row.ActivityType, field, value]);
                await FlushIfFullAsync(body, line, 0, ct);
                continue;
            }
            await foreach (var r in source.ResponsesAsync(activity, ct))
            {
                CsvCells.AppendRow(line,
                [
                    row.Id.ToString(), row.Title, row.ActivityType, r.Id.ToString(), r.ParticipantId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    r.Nickname, r.Anonymous ? "true" : "false", ExportSource.Time(r.CreatedAt), ExportSource.Time(r.UpdatedAt),
                    AnswerText.Of(activity.Activity, r.ResponseData), ExportSource.Moderation(r), r.ResponseData.GetRawText(),
                ]);
                await FlushIfFullAsync(body, line, FlushAtChars, ct);
            }
        }
        await FlushIfFullAsync(body, line, 0, ct);
    }

    private static async Task FlushIfFullAsync(Stream body, StringBuilder line, int atChars, CancellationToken ct)
    {
        if (line.Length == 0 || line.Length < atChars) return;
        await body.WriteAsync(Utf8.GetBytes(line.ToString()), ct);
        await body.FlushAsync(ct);
        line.Clear();
    }

    /// <summary>Every scalar of a results document with its path; an empty list or object is one row with an empty value.</summary>
    public static IEnumerable<(string Path, string Value)> Leaves(JsonElement value, string path)
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
                yield return (path, Conflicto.Processing.Results.ResponseData.ScalarText(value) ?? "");
                break;
        }
    }
}

/// <summary>What a CSV export holds: the responses (default) or the results.</summary>
public static class ExportParts
{
    public const string Responses = "responses";
    public const string Results = "results";
}
