using System.Text.Json;
using Conflicto.Data.Responses;
using Conflicto.Processing.ActivityTypes;
using Conflicto.Processing.ActivityTypes.Types;

namespace Conflicto.Processing.Results;

/// <summary>
/// Guesses: count, mean, median, a histogram of <c>buckets</c> equal bars from min to max (a guess
/// on a boundary goes to the bar above it, max to the last bar) and, once the host reveals the
/// correct value, the closest guesses. Ties: every guess at the smallest distance wins, earliest
/// first. Before the reveal the document says nothing of the correct value, not even who is closest.
/// </summary>
public sealed class NumericResults(JsonElement configuration) : IResultsAggregator
{
    public const int MaxWinnersListed = 20;

    private readonly double _min = NumericType.Min(configuration);
    private readonly double _max = NumericType.Max(configuration);
    private readonly Dictionary<Guid, ResponseRow> _guesses = [];
    private readonly SortedDictionary<double, int> _values = [];
    private readonly NewestUpdate _newest = new();
    private double _sum;

    public void Add(ResponseRow response)
    {
        var (value, error) = NumericType.Read(configuration, response.ResponseData);
        if (error is not null || !_guesses.TryAdd(response.Id, response)) return;
        _values[value] = _values.GetValueOrDefault(value) + 1;
        _sum += value;
        _newest.Add(response.UpdatedAt);
    }

    public void Remove(ResponseRow response)
    {
        if (!_guesses.Remove(response.Id, out var held)) return;
        var (value, _) = NumericType.Read(configuration, held.ResponseData);
        if (_values[value] <= 1) _values.Remove(value); else _values[value]--;
        _sum -= value;
        _newest.Remove(held.UpdatedAt);
    }

    public object Snapshot()
    {
        var count = _guesses.Count;
        var revealed = NumericType.IsRevealed(configuration) && NumericType.CorrectValue(configuration) is not null;
        var correct = revealed ? NumericType.CorrectValue(configuration) : null;
        var winners = correct is { } target ? Winners(target) : [];
        return new NumericSnapshot(ResponseData.String(configuration, "question"), _min, _max, ResponseData.String(configuration, "unit"), count,
            count == 0 ? null : Math.Round(_sum / count, 4), count == 0 ? null : Median(count),
            count == 0 ? null : _values.Keys.First(), count == 0 ? null : _values.Keys.Last(),
            Histogram(), revealed, correct, winners.Take(MaxWinnersListed).ToList(), winners.Count,
            winners.Count == 0 ? null : winners[0].Distance, ConfigKeys.ShowLiveResults(configuration), _newest.Value);
    }

    private List<NumericWinner> Winners(double target)
    {
        if (_guesses.Count == 0) return [];
        var best = _values.Keys.Min(v => Math.Abs(v - target));
        return _guesses.Values
            .Select(r => (Row: r, Value: NumericType.Read(configuration, r.ResponseData).Value))
            .Where(g => Math.Abs(g.Value - target) == best)
            .OrderBy(g => g.Row.CreatedAt).ThenBy(g => g.Row.Id)
            .Select(g => new NumericWinner(g.Row.Anonymous ? null : g.Row.ParticipantId, g.Value, Math.Round(best, 10), g.Row.CreatedAt))
            .ToList();
    }

    private double Median(int count)
    {
        // The sorted counts are walked once: O(distinct values), no copy of every guess.
        double? lower = null;
        var seen = 0;
        foreach (var (value, n) in _values)
        {
            seen += n;
            if (count % 2 == 1 && seen > count / 2) return value;
            if (count % 2 == 0)
            {
                if (lower is null && seen >= count / 2) lower = value;
                if (seen > count / 2) return (lower!.Value + value) / 2;
            }
        }
        return _values.Keys.Last();
    }

    private IReadOnlyList<NumericBucket> Histogram()
    {
        var buckets = NumericType.Buckets(configuration);
        var width = (_max - _min) / buckets;
        var counts = new int[buckets];
        if (width > 0)
            foreach (var (value, n) in _values)
                counts[Math.Clamp((int)Math.Floor((value - _min) / width), 0, buckets - 1)] += n;
        return counts.Select((n, i) => new NumericBucket(Math.Round(_min + i * width, 6), Math.Round(i == buckets - 1 ? _max : _min + (i + 1) * width, 6), n)).ToList();
    }
}

/// <param name="From">Inclusive lower bound.</param>
/// <param name="To">Exclusive upper bound, except the last bar, which includes max.</param>
public sealed record NumericBucket(double From, double To, int Count);

/// <param name="ParticipantId">Null when the guess is anonymous.</param>
public sealed record NumericWinner(int? ParticipantId, double Value, double Distance, DateTime AnsweredAt);

/// <param name="CorrectValue">Null until <paramref name="Revealed"/>.</param>
/// <param name="Winners">The closest guesses once revealed (all tied ones, earliest first, at most 20 listed); empty before.</param>
public sealed record NumericSnapshot(
    string? Question, double Min, double Max, string? Unit, int TotalResponses, double? Mean, double? Median, double? Lowest, double? Highest,
    IReadOnlyList<NumericBucket> Histogram, bool Revealed, double? CorrectValue, IReadOnlyList<NumericWinner> Winners, int WinnerCount,
    double? ClosestDistance, bool ShowLiveResults, DateTime? LastUpdated);
