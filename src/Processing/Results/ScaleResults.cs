using System.Text.Json;
using Conflicto.Data.Responses;
using Conflicto.Processing.ActivityTypes;
using Conflicto.Processing.ActivityTypes.Types;

namespace Conflicto.Processing.Results;

/// <summary>
/// Ratings per statement: how many rated it, the average and the count per point. Kept as
/// counts, so Add and Remove (an edit is both) are O(statements).
/// </summary>
public sealed class ScaleResults(JsonElement configuration) : IResultsAggregator
{
    private readonly int _max = ScaleType.Max(configuration);
    private readonly IReadOnlyList<string> _statements = ScaleType.Statements(configuration);
    private readonly NewestUpdate _newest = new();
    private int[][] _counts = [];
    private int _responses;

    public void Add(ResponseRow response) => Apply(response, +1);

    public void Remove(ResponseRow response) => Apply(response, -1);

    private void Apply(ResponseRow response, int delta)
    {
        var (ratings, error) = ScaleType.Read(configuration, response.ResponseData);
        if (error is not null) return;
        if (_counts.Length == 0) _counts = _statements.Select(_ => new int[_max]).ToArray();
        for (var i = 0; i < ratings.Count; i++)
            if (ratings[i] is { } rating) _counts[i][rating - 1] += delta;
        _responses += delta;
        if (delta > 0) _newest.Add(response.UpdatedAt); else _newest.Remove(response.UpdatedAt);
    }

    public object Snapshot()
    {
        var statements = _statements.Select((text, i) =>
        {
            var distribution = i < _counts.Length ? _counts[i].ToList() : Enumerable.Repeat(0, _max).ToList();
            var count = distribution.Sum();
            var sum = distribution.Select((c, point) => c * (point + 1)).Sum();
            return new ScaleStatement(i, text, count, count == 0 ? null : Math.Round((double)sum / count, 2), distribution);
        }).ToList();
        var labels = ResponseData.StringList(configuration, "labels");
        return new ScaleSnapshot(ResponseData.String(configuration, "question"), 1, _max,
            labels.Count == _max ? labels : null, ResponseData.String(configuration, "min_label"), ResponseData.String(configuration, "max_label"),
            statements, _responses, ConfigKeys.ShowLiveResults(configuration), _newest.Value);
    }
}

/// <param name="Distribution">Ratings per point: the first entry counts 1s, the last scale_max.</param>
public sealed record ScaleStatement(int Index, string Text, int Count, double? Average, IReadOnlyList<int> Distribution);

public sealed record ScaleSnapshot(
    string? Question, int ScaleMin, int ScaleMax, IReadOnlyList<string>? Labels, string? MinLabel, string? MaxLabel,
    IReadOnlyList<ScaleStatement> Statements, int TotalResponses, bool ShowLiveResults, DateTime? LastUpdated);
