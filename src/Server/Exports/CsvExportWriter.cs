using System.Text;

namespace Conflicto.Server.Exports;

/// <summary>
/// Writes an export as CSV (UTF-8 with a byte order mark, so Excel reads accents and emoji; CRLF
/// rows; cells through <see cref="CsvCells"/>), flushing as it reads. One part per file, its rows
/// as <see cref="ExportRows"/> builds them (the XLSX sheets hold the same rows).
/// A failure once the first bytes are out aborts the response (a truncated file, never a short one that looks whole).
/// </summary>
public sealed class CsvExportWriter(ExportSource source, string part, string fileName) : IResult
{
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
        CsvCells.AppendRow(line, ExportRows.Header(part switch
        {
            ExportParts.Results => ExportRows.ResultColumns,
            ExportParts.Scores => ExportRows.ScoreColumns,
            _ => ExportRows.ResponseColumns,
        }));
        foreach (var row in source.Activities)
        {
            if (part == ExportParts.Scores)
            {
                foreach (var standing in await source.ScoresAsync(row, ct)) CsvCells.AppendRow(line, ExportRows.Score(row, standing));
                await FlushIfFullAsync(body, line, FlushAtChars, ct);
                continue;
            }
            var activity = await source.ReadActivityAsync(row, ct);
            if (part == ExportParts.Results)
            {
                foreach (var cells in ExportRows.Results(row, activity)) CsvCells.AppendRow(line, cells);
                await FlushIfFullAsync(body, line, 0, ct);
                continue;
            }
            await foreach (var r in source.ResponsesAsync(activity, ct))
            {
                CsvCells.AppendRow(line, ExportRows.Response(row, activity, r));
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
}
