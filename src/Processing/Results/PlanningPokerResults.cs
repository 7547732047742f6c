using System.Globalization;
using System.Text.Json;
using Conflicto.Data.Responses;

namespace Conflicto.Processing.Results;

/// <summary>The spread of estimates. A response is <c>{"value": "5"}</c> (a string or a number from the deck).</summary>
public sealed class PlanningPokerResults(JsonElement configuration) : IResultsAggregator
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void Add(ResponseRow response)
    {
        if (Value(response.ResponseData) is { } value) _counts[value] = _counts.GetValueOrDefault(value) + 1;
    }

    public void Remove(ResponseRow response)
    {
        if (Value(response.ResponseData) is not { } value || !_counts.TryGetValue(value, out var count)) return;
        if (count <= 1) _counts.Remove(value); else _counts[value] = count - 1;
    }

    public object Snapshot()
    {
        var numbers = _counts.SelectMany(kv => TryNumber(kv.Key) is { } n ? Enumerable.Repeat(n, kv.Value) : []).Order().ToList();
        var total = _counts.Values.Sum();
        var votes = _counts.Select(kv => new CardCount(kv.Key, kv.Value))
            .OrderBy(c => TryNumber(c.Value) ?? double.MaxValue).ThenBy(c => c.Value, StringComparer.Ordinal).ToList();
        return new PlanningPokerSnapshot(
            ResponseData.String(configuration, "story"), votes, total,
            numbers.Count == 0 ? null : Math.Round(numbers.Average(), 2),
            numbers.Count == 0 ? null : Median(numbers),
            numbers.Count == 0 ? null : numbers[0],
            numbers.Count == 0 ? null : numbers[^1],
            Consensus: total > 0 && _counts.Count == 1);
    }

    public static string? Value(JsonElement data) => ResponseData.Scalar(data, "value") is { Length: > 0 } v ? v.Trim() : null;

    // "NaN", "Infinity" and 1e400 parse as doubles but are no estimate, and JSON cannot carry them:
    // counted as cards, they would make the results impossible to serialize.
    private static double? TryNumber(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? n : null;

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

public sealed record CardCount(string Value, int Count);

public sealed record PlanningPokerSnapshot(
    string? Story, IReadOnlyList<CardCount> Votes, int TotalVotes, double? Average, double? Median, double? Min, double? Max, bool Consensus);
