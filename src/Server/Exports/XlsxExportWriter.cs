using System.Globalization;
using System.Runtime.CompilerServices;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace Conflicto.Server.Exports;

/// <summary>
/// Writes an export as one workbook: a "Responses" sheet and a "Results" sheet holding the rows of
/// the CSV parts of the same names (<see cref="ExportRows"/>, cell for cell), and a "Quiz scores"
/// sheet (the CSV's <c>part=scores</c>) when the export holds a quiz. Numbers are numeric cells;
/// text a spreadsheet would run as a formula gets the CSV's leading <c>'</c>. Each sheet's header is
/// its first row, written as a row, so an empty sheet still names its columns.
/// <para>
/// Rows go to MiniExcel as async streams, read a page of responses at a time, so the export is never
/// held in memory; the workbook goes to a temporary file first, then to the response. Not straight
/// to the response body because MiniExcel 1.47.1 writes synchronously even from <c>SaveAsAsync</c>
/// (its zip archive and XML writers flush and close with blocking writes, which Kestrel refuses),
/// and because on a stream that cannot seek it writes a workbook without its dimension and package
/// relationships that not every reader opens. The file is deleted when closed.
/// </para>
/// </summary>
public sealed class XlsxExportWriter(ExportSource source, string fileName) : IResult
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string ResponsesSheet = "Responses";
    public const string ResultsSheet = "Results";
    public const string ScoresSheet = "Quiz scores";

    public async Task ExecuteAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        var path = Path.Combine(Path.GetTempPath(), $"conflicto-export-{Guid.NewGuid():N}.xlsx");
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        // Read once by the responses sheet, again by the results sheet: the results are computed once.
        var read = new Dictionary<Guid, ExportedActivity>();
        var sheets = new Dictionary<string, object>
        {
            [ResponsesSheet] = Sheet(ExportRows.ResponseColumns, ResponseRowsAsync(read, ct)),
            [ResultsSheet] = Sheet(ExportRows.ResultColumns, ResultRowsAsync(read, ct)),
        };
        if (source.HasQuiz) sheets[ScoresSheet] = Sheet(ExportRows.ScoreColumns, ScoreRowsAsync(ct));
        await MiniExcel.SaveAsAsync(file, sheets, printHeader: false, excelType: ExcelType.XLSX,
            configuration: new OpenXmlConfiguration { EnableWriteNullValueCell = false }, cancellationToken: ct);

        http.Response.ContentType = ContentType;
        http.Response.Headers.CacheControl = "no-store";
        http.Response.ContentLength = file.Length;
        ExportNames.SetAttachment(http.Response, fileName);
        file.Position = 0;
        await file.CopyToAsync(http.Response.Body, ct);
    }

    private async IAsyncEnumerable<ExportCell[]> ResponseRowsAsync(Dictionary<Guid, ExportedActivity> read, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var row in source.Activities)
        {
            var activity = read[row.Id] = await source.ReadActivityAsync(row, ct);
            await foreach (var r in source.ResponsesAsync(activity, ct)) yield return ExportRows.Response(row, activity, r);
        }
    }

    private async IAsyncEnumerable<ExportCell[]> ResultRowsAsync(Dictionary<Guid, ExportedActivity> read, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var row in source.Activities)
        {
            var activity = read.Remove(row.Id, out var done) ? done : await source.ReadActivityAsync(row, ct);
            foreach (var cells in ExportRows.Results(row, activity)) yield return cells;
        }
    }

    private async IAsyncEnumerable<ExportCell[]> ScoreRowsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var row in source.Activities.Where(source.IsQuiz))
            foreach (var standing in await source.ScoresAsync(row, ct)) yield return ExportRows.Score(row, standing);
    }

    /// <summary>A sheet as MiniExcel takes it: rows of cells keyed by column name, the header first.</summary>
    private static async IAsyncEnumerable<IDictionary<string, object?>> Sheet(string[] columns, IAsyncEnumerable<ExportCell[]> rows)
    {
        yield return Row(columns, ExportRows.Header(columns));
        await foreach (var cells in rows) yield return Row(columns, cells);
    }

    private static Dictionary<string, object?> Row(string[] columns, ExportCell[] cells)
    {
        var row = new Dictionary<string, object?>(columns.Length);
        for (var i = 0; i < columns.Length; i++) row[columns[i]] = Value(cells[i]);
        return row;
    }

    private static object? Value(ExportCell cell) =>
        cell.IsNumber && double.TryParse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number
        : string.IsNullOrEmpty(cell.Text) ? null
        : Fit(CsvCells.Neutralize(cell.Text) ?? "");

    /// <summary>Excel's most characters in a cell.</summary>
    public const int MaxCellLength = 32_767;

    /// <summary>
    /// Text cut to what Excel holds in a cell, ending in "…" when cut (a longer cell makes Excel call the
    /// workbook damaged); never between the halves of a surrogate pair. The JSON export keeps the whole text.
    /// </summary>
    internal static string Fit(string text)
    {
        if (text.Length <= MaxCellLength) return text;
        var keep = MaxCellLength - 1;
        if (char.IsHighSurrogate(text[keep - 1])) keep--;
        return string.Concat(text.AsSpan(0, keep), "…");
    }
}
