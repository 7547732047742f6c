using System.Text.Json;
using Conflicto.Processing.Results;

namespace Conflicto.Server.Summaries;

/// <summary>
/// Reads an activity's highlights from its results document (snake_case, as the results route
/// shows it), whatever its type: a type gets highlights by carrying these fields, with no code here.
/// - <c>podium</c> / <c>leaderboard</c> / <c>winners</c>: a list, best first, of
///   <c>{"rank": 1, "nickname": "Ada", "score": 2400}</c> (<c>name</c> for nickname and
///   <c>points</c> / <c>total</c> for score are read too; a missing rank is the place in the list,
///   a plain string is a nickname). Places 1–3 are kept (ties included, at most ten people).
/// - <c>words</c>: <c>[{"text", "count"}]</c> (the word cloud's); the five most frequent.
/// - <c>questions</c>: <c>[{"id", "text", "upvotes"}]</c> (Q&amp;A's); the three most upvoted.
/// - <c>options</c>: <c>[{"text", "votes"}]</c> (a poll's); the option(s) with the most votes.
/// - <c>average</c>: a number.
/// - <c>top</c>: a list; its first five entries, as they are.
/// </summary>
public static class HighlightReader
{
    public const int MaxWinners = 10;
    public const int TopWordCount = 5;
    public const int TopQuestionCount = 3;
    public const int TopCount = 5;
    private static readonly string[] WinnerLists = ["podium", "leaderboard", "winners"];

    public static SummaryHighlights? Read(JsonElement results)
    {
        if (results.ValueKind != JsonValueKind.Object) return null;
        var highlights = new SummaryHighlights(Winners(results), TopWords(results), TopQuestions(results), Leading(results),
            Number(results, "average"), List(results, "top")?.EnumerateArray().Take(TopCount).Select(e => e.Clone()).ToList());
        return highlights is { Winners: null, TopWords: null, TopQuestions: null, Leading: null, Average: null, Top: null } ? null : highlights;
    }

    public static IReadOnlyList<SummaryWinner>? Winners(JsonElement results)
    {
        foreach (var name in WinnerLists)
        {
            if (List(results, name) is not { } list) continue;
            var winners = list.EnumerateArray().Select((e, i) => Winner(e, i + 1)).OfType<SummaryWinner>()
                .Where(w => w.Rank <= 3).OrderBy(w => w.Rank).Take(MaxWinners).ToList();
            if (winners.Count > 0) return winners;
        }
        return null;
    }

    private static SummaryWinner? Winner(JsonElement entry, int place) => entry.ValueKind switch
    {
        JsonValueKind.String => new SummaryWinner(place, entry.GetString()!, null),
        JsonValueKind.Object when (ResponseData.String(entry, "nickname") ?? ResponseData.String(entry, "name")) is { } nickname =>
            new SummaryWinner(ResponseData.Int(entry, "rank") ?? place, nickname, Number(entry, "score") ?? Number(entry, "points") ?? Number(entry, "total")),
        _ => null,
    };

    private static IReadOnlyList<SummaryWord>? TopWords(JsonElement results) =>
        NonEmpty(List(results, "words")?.EnumerateArray()
            .Select(w => ResponseData.String(w, "text") is { } text && ResponseData.Int(w, "count") is { } count ? new SummaryWord(text, count) : null)
            .OfType<SummaryWord>().OrderByDescending(w => w.Count).Take(TopWordCount).ToList());

    private static IReadOnlyList<SummaryQuestion>? TopQuestions(JsonElement results) =>
        NonEmpty(List(results, "questions")?.EnumerateArray()
            .Select(q => ResponseData.String(q, "text") is { } text
                ? new SummaryQuestion(Guid.TryParse(ResponseData.String(q, "id"), out var id) ? id : null, text, ResponseData.Int(q, "upvotes") ?? 0)
                : null)
            .OfType<SummaryQuestion>().OrderByDescending(q => q.Upvotes).Take(TopQuestionCount).ToList());

    private static IReadOnlyList<SummaryOption>? Leading(JsonElement results)
    {
        var options = List(results, "options")?.EnumerateArray()
            .Select(o => ResponseData.String(o, "text") is { } text && ResponseData.Int(o, "votes") is { } votes ? new SummaryOption(text, votes) : null)
            .OfType<SummaryOption>().ToList();
        if (options is not { Count: > 0 }) return null;
        var most = options.Max(o => o.Votes);
        return most == 0 ? null : options.Where(o => o.Votes == most).ToList();
    }

    private static JsonElement? List(JsonElement results, string name) => ResponseData.Array(results, name);

    private static double? Number(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) ? d : null;

    private static List<T>? NonEmpty<T>(List<T>? list) => list is { Count: > 0 } ? list : null;
}
