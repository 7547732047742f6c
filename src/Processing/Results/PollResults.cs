using System.Text.Json;
using Conflicto.Data.Responses;

namespace Conflicto.Processing.Results;

/// <summary>Votes per option. A response is <c>{"option_index": 1}</c>, <c>{"option": "Red"}</c> or, with allow_multiple, <c>{"option_indices": [0, 2]}</c>.</summary>
public sealed class PollResults(JsonElement configuration) : IResultsAggregator
{
    private readonly IReadOnlyList<string> _options = ResponseData.StringList(configuration, "options");
    private readonly bool _allowMultiple = configuration.ValueKind == JsonValueKind.Object
        && configuration.TryGetProperty("allow_multiple", out var m) && m.ValueKind == JsonValueKind.True;
    private int[] _votes = [];
    private int _responses;

    public void Add(ResponseRow response) => Apply(response, +1);

    public void Remove(ResponseRow response) => Apply(response, -1);

    private void Apply(ResponseRow response, int delta)
    {
        var (indices, error) = Resolve(_options, _allowMultiple, response.ResponseData);
        if (error is not null) return;
        if (_votes.Length != _options.Count) _votes = new int[_options.Count];
        foreach (var index in indices) _votes[index] += delta;
        _responses += delta;
    }

    public object Snapshot()
    {
        var selections = _votes.Sum();
        var options = _options.Select((text, i) =>
        {
            var votes = i < _votes.Length ? _votes[i] : 0;
            return new PollOption(i, text, votes, selections == 0 ? 0 : Math.Round(100.0 * votes / selections, 1));
        }).ToList();
        return new PollSnapshot(ResponseData.String(configuration, "question"), options, _responses, selections);
    }

    /// <summary>The option indices a response picks, or an error saying why it picks none.</summary>
    public static (IReadOnlyList<int> Indices, string? Error) Resolve(IReadOnlyList<string> options, bool allowMultiple, JsonElement data)
    {
        if (ResponseData.Int(data, "option_index") is { } index)
            return index >= 0 && index < options.Count ? ([index], null) : ([], $"option_index must be between 0 and {options.Count - 1}");
        if (ResponseData.String(data, "option") is { } text)
        {
            var found = options.ToList().FindIndex(o => string.Equals(o, text.Trim(), StringComparison.OrdinalIgnoreCase));
            return found >= 0 ? ([found], null) : ([], $"option '{text}' is not one of the poll's options");
        }
        if (ResponseData.Array(data, "option_indices") is { } array)
        {
            if (!allowMultiple) return ([], "this poll allows one option: send option_index");
            var picked = new List<int>();
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out var i) || i < 0 || i >= options.Count)
                    return ([], $"option_indices must hold integers between 0 and {options.Count - 1}");
                if (picked.Contains(i)) return ([], "option_indices must not repeat an option");
                picked.Add(i);
            }
            return picked.Count == 0 ? ([], "option_indices must pick at least one option") : (picked, null);
        }
        return ([], "a poll response needs option_index (or option, or option_indices when allow_multiple is set)");
    }
}

public sealed record PollOption(int Index, string Text, int Votes, double Percentage);

public sealed record PollSnapshot(string? Question, IReadOnlyList<PollOption> Options, int TotalVotes, int TotalSelections);
