using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Conflicto.Tests.Integration.Infrastructure;
using Conflicto.Tests.Integration.Quiz;
using MiniExcelLibs;

namespace Conflicto.Tests.Integration.Exports;

/// <summary>A session worth exporting, and the export routes read back in each format.</summary>
internal static class ExportTesting
{
    public const string Emoji = "Crème brûlée? 🍮 日本語 “quoted”, with a comma";
    public const string Formula = "=HYPERLINK(\"http://evil.example\",\"click\")";

    /// <summary>A workbook read back: its sheet names in order, each sheet's cells as text (what the CSV shows) and as read (numbers are doubles).</summary>
    public sealed record Workbook(System.Net.Http.Headers.HttpContentHeaders Headers, List<string> SheetNames,
        Dictionary<string, List<string[]>> Text, Dictionary<string, List<object?[]>> Cells);

    /// <summary>
    /// Ada, Bob and Cy join; a poll (Rot / Grün) gets three votes; a Q&amp;A gets questions with
    /// emoji and spreadsheet formulas; a poll whose option is -5 gets a vote. With <paramref name="quiz"/>,
    /// a quiz follows: question 1 started, Ada right and Bob wrong, revealed. The session completes.
    /// </summary>
    public static async Task<(Api.Session Session, List<Guid> Activities)> RunSessionAsync(this Api api, string title, bool quiz = false)
    {
        var session = await api.CreateSessionAsync(title);
        var people = new List<Api.Participant>();
        foreach (var name in new[] { "Ada", "Bob", "Cy" }) people.Add(await api.JoinAsync(session, name));
        var poll = await api.CreateActiveActivityAsync(session, "poll", new { question = "Farbe?", options = new[] { "Rot", "Grün" } }, title: "Farbe");
        foreach (var (p, i) in people.Zip(new[] { 0, 1, 0 })) await Api.ReadAsync(await api.SubmitAsync(p, poll, new { option_index = i }), HttpStatusCode.Created);
        await api.TransitionAsync(session, poll, "expired");
        var qa = await api.CreateActiveActivityAsync(session, "qa", new { }, title: "Fragen");
        foreach (var (p, text) in people.Zip(new[] { Emoji, Formula, "@SUM(1+1)" }))
            await Api.ReadAsync(await api.SubmitAsync(p, qa, new { question = text }), HttpStatusCode.Created);
        await Api.ReadAsync(await api.SubmitAsync(people[0], qa, new { question = "+1 agree" }), HttpStatusCode.Created);
        await api.TransitionAsync(session, qa, "expired");
        var guess = await api.CreateActiveActivityAsync(session, "poll", new { question = "Guess", options = new[] { "-5", "5" } }, title: "Guess");
        await Api.ReadAsync(await api.SubmitAsync(people[1], guess, new { option_index = 0 }), HttpStatusCode.Created);
        List<Guid> activities = [poll, qa, guess];
        if (quiz)
        {
            var q = await api.CreateActiveActivityAsync(session, "quiz", QuizTesting.Configuration(), title: "Quiz");
            await api.ActAsync(session, q, "start");
            await Api.ReadAsync(await api.SubmitAsync(people[0], q, new { question_index = 0, option_index = 1 }), HttpStatusCode.Created);
            await Api.ReadAsync(await api.SubmitAsync(people[1], q, new { question_index = 0, option_index = 2 }), HttpStatusCode.Created);
            await api.ActAsync(session, q, "reveal");
            activities.Add(q);
        }
        await Api.ReadAsync(await api.SendAsync(HttpMethod.Put, $"/api/v1/sessions/{session.Id}", new { status = "completed" }, adminCode: session.AdminCode), HttpStatusCode.OK);
        return (session, activities);
    }

    public static async Task<JsonElement> JsonExportAsync(this Api api, string url, string adminCode)
    {
        var response = await api.SendAsync(HttpMethod.Get, url, adminCode: adminCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".json", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<(System.Net.Http.Headers.HttpContentHeaders Headers, List<string[]> Rows)> CsvExportAsync(this Api api, string url, string adminCode)
    {
        var response = await api.SendAsync(HttpMethod.Get, url, adminCode: adminCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes)}");
        return (response.Content.Headers, Csv.Parse(Encoding.UTF8.GetString(bytes[3..])));
    }

    /// <summary>The workbook as MiniExcel reads it (what a spreadsheet shows): every row, the header row first.</summary>
    public static async Task<Workbook> XlsxExportAsync(this Api api, string url, string adminCode)
    {
        var response = await api.SendAsync(HttpMethod.Get, url, adminCode: adminCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes)}");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        using var stream = new MemoryStream(bytes);
        var names = MiniExcel.GetSheetNames(stream);
        var text = new Dictionary<string, List<string[]>>();
        var cells = new Dictionary<string, List<object?[]>>();
        foreach (var name in names)
        {
            stream.Position = 0;
            var rows = MiniExcel.Query(stream, useHeaderRow: false, sheetName: name)
                .Cast<IDictionary<string, object?>>().Select(r => r.Values.ToArray()).ToList();
            var width = rows.Count == 0 ? 0 : rows[0].Length;
            cells[name] = rows.Select(r => r.Concat(Enumerable.Repeat<object?>(null, Math.Max(0, width - r.Length))).ToArray()).ToList();
            text[name] = cells[name].Select(r => r.Select(Text).ToArray()).ToList();
        }
        return new Workbook(response.Content.Headers, names, text, cells);
    }

    private static string Text(object? cell) => cell switch
    {
        null => "",
        double d => d.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };
}
