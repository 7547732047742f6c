using System.Text.Json;
using Conflicto.Data.Responses;
using Conflicto.Processing.ActivityTypes;
using Conflicto.Processing.ActivityTypes.Types;

namespace Conflicto.Processing.Results;

/// <summary>
/// A Borda count: with n items, the item a participant puts first gets n−1 points, the second
/// n−2, …, the last 0. A partial ranking (<c>allow_partial</c>) scores the items it lists the same
/// way, by their place, and gives the items it leaves out nothing: leaving an item out counts like
/// ranking it below every listed one, without splitting points among the left-out ones. The
/// average position (1 = first) is over the participants who ranked the item. Items are listed by
/// points, then by average position, then in their configured order; equal points and equal
/// average positions share a rank.
/// </summary>
public sealed class RankingResults(JsonElement configuration) : IResultsAggregator
{
    private readonly IReadOnlyList<string> _items = RankingType.Items(configuration);
    private readonly NewestUpdate _newest = new();
    private long[] _points = [];
    private long[] _positionSums = [];
    private int[] _ranked = [];
    private int[] _firsts = [];
    private int _responses;

    public void Add(ResponseRow response) => Apply(response, +1);

    public void Remove(ResponseRow response) => Apply(response, -1);

    private void Apply(ResponseRow response, int delta)
    {
        var (order, error) = RankingType.Read(configuration, response.ResponseData);
        if (error is not null) return;
        if (_points.Length == 0)
            (_points, _positionSums, _ranked, _firsts) = (new long[_items.Count], new long[_items.Count], new int[_items.Count], new int[_items.Count]);
        for (var place = 0; place < order.Count; place++)
        {
            var item = order[place];
            _points[item] += delta * (_items.Count - 1 - place);
            _positionSums[item] += delta * (place + 1);
            _ranked[item] += delta;
            if (place == 0) _firsts[item] += delta;
        }
        _responses += delta;
        if (delta > 0) _newest.Add(response.UpdatedAt); else _newest.Remove(response.UpdatedAt);
    }

    public object Snapshot()
    {
        var held = _points.Length == _items.Count;
        var items = _items.Select((text, i) => new RankingItem(i, text,
                held ? _points[i] : 0,
                held && _ranked[i] > 0 ? Math.Round((double)_positionSums[i] / _ranked[i], 2) : null,
                held ? _ranked[i] : 0, held ? _firsts[i] : 0, Rank: 0))
            .OrderByDescending(i => i.Points).ThenBy(i => i.AveragePosition ?? double.MaxValue).ThenBy(i => i.Index)
            .ToList();
        for (var i = 0; i < items.Count; i++)
        {
            var tied = i > 0 && items[i].Points == items[i - 1].Points && items[i].AveragePosition == items[i - 1].AveragePosition;
            items[i] = items[i] with { Rank = tied ? items[i - 1].Rank : i + 1 };
        }
        return new RankingSnapshot(ResponseData.String(configuration, "question"), items, _responses, "borda",
            _items.Count - 1, RankingType.AllowsPartial(configuration), ConfigKeys.ShowLiveResults(configuration), _newest.Value);
    }
}

/// <param name="Index">The item's place in the configuration's <c>items</c>.</param>
/// <param name="Rankings">Participants who placed this item (all of them unless partial rankings are allowed).</param>
/// <param name="FirstPlaces">Participants who put it first.</param>
public sealed record RankingItem(int Index, string Text, long Points, double? AveragePosition, int Rankings, int FirstPlaces, int Rank);

/// <param name="PointsForFirst">n−1: the Borda points of a first place.</param>
public sealed record RankingSnapshot(
    string? Question, IReadOnlyList<RankingItem> Items, int TotalResponses, string Method, int PointsForFirst,
    bool AllowPartial, bool ShowLiveResults, DateTime? LastUpdated);
