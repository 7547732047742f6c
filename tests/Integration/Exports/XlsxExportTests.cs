using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Exports;

/// <summary>
/// <c>format=xlsx</c>: one workbook whose sheets are the CSV parts cell for cell (so the formats
/// provably agree), numbers as numeric cells, formulas neutralized as in the CSV.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class XlsxExportTests(ConflictoApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task Export_Xlsx_HoldsTheCsvPartsCellForCell_WithNumbersAsNumbers()
    {
        var (session, activities) = await _api.RunSessionAsync("Année 2026: Ünïcode 🎉 Workbook", quiz: true);
        var url = $"/api/v1/sessions/{session.Id}/export";

        var workbook = await _api.XlsxExportAsync(url + "?format=xlsx", session.AdminCode);
        var (_, responses) = await _api.CsvExportAsync(url + "?format=csv&part=responses", session.AdminCode);
        var (_, results) = await _api.CsvExportAsync(url + "?format=csv&part=results", session.AdminCode);
        var (_, scores) = await _api.CsvExportAsync(url + "?format=csv&part=scores", session.AdminCode);

        Assert.Equal(["Responses", "Results", "Quiz scores"], workbook.SheetNames);
        Assert.Equal("conflicto-annee-2026-unicode-workbook-session.xlsx", workbook.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(responses, workbook.Text["Responses"]);
        Assert.Equal(results, workbook.Text["Results"]);
        Assert.Equal(scores, workbook.Text["Quiz scores"]);
        Assert.Equal(11, responses.Count); // the header, 3 votes, 4 questions, 1 guess, 2 quiz answers (Cy did not answer)
        Assert.Equal(4, scores.Count); // the header, Ada, Bob and Cy

        // Numbers are numeric cells: participant ids, counts of votes, ranks and scores; text stays text.
        Assert.All(workbook.Cells["Responses"].Skip(1), row => Assert.IsType<double>(row[4]));
        var votes = workbook.Cells["Results"].Single(r => (string?)r[0] == activities[0].ToString() && (string?)r[3] == "options[0].votes");
        Assert.Equal(2.0, votes[4]);
        Assert.Contains(workbook.Cells["Results"], r => (string?)r[3] == "options[1].text" && (string?)r[4] == "Grün");
        Assert.All(workbook.Cells["Quiz scores"].Skip(1), row => Assert.All(new[] { 2, 3, 5, 6, 7 }, i => Assert.IsType<double>(row[i])));
        Assert.Equal(("Ada", 1.0), ((string?)workbook.Cells["Quiz scores"][1][4], workbook.Cells["Quiz scores"][1][2]));

        // A formula-looking answer is text with the CSV's leading quote; no text cell starts a formula.
        Assert.Contains(workbook.Cells["Responses"], r => (string?)r[9] == "'" + ExportTesting.Formula);
        Assert.Contains(workbook.Cells["Responses"], r => (string?)r[9] == "'@SUM(1+1)");
        Assert.DoesNotContain(workbook.Cells.Values.SelectMany(rows => rows).SelectMany(r => r).OfType<string>(),
            cell => cell.Length > 0 && cell[0] is '=' or '+' or '@' || (cell.StartsWith('-') && cell != "-5"));
    }

    [Fact]
    public async Task Export_XlsxOfOneActivityWithoutQuiz_HasNoScoresSheet_AndHeadersEvenWhenEmpty()
    {
        var session = await _api.CreateSessionAsync("Empty poll");
        var poll = await _api.CreateActiveActivityAsync(session, "poll", new { question = "Q?", options = new[] { "A", "B" } }, title: "Nobody voted");

        var workbook = await _api.XlsxExportAsync($"/api/v1/activities/{poll}/export?format=xlsx", session.AdminCode);

        Assert.Equal(["Responses", "Results"], workbook.SheetNames);
        Assert.Equal([["activity_id", "activity_title", "activity_type", "response_id", "participant_id", "nickname", "anonymous",
            "submitted_at", "updated_at", "answer", "moderation", "response_data"]], workbook.Text["Responses"]);
        var (_, results) = await _api.CsvExportAsync($"/api/v1/activities/{poll}/export?format=csv&part=results", session.AdminCode);
        Assert.Equal(results, workbook.Text["Results"]);
        Assert.StartsWith("conflicto-empty-poll-nobody-voted-", workbook.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        Assert.EndsWith(".xlsx", workbook.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
    }
}
