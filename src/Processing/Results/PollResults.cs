using System.Text.Json;
using Conflicto.Data.Responses;
using Conflicto.Processing.ActivityTypes;

namespace Conflicto.Processing.Results;

/// <summary>
/// Votes per option. A response is <c>{"option_index": 1}</c>, <c>{"option": "Red"}</c>, with
/// multiple choice <c>{"option_indices": [0, 2]}</c>, or the legacy <c>{"selected_options": ["Red"]}</c>.
/// The snapshot carries our fields and, beside them, the legacy <c>poll_results</c> fields.
/// </summary>
public sealed class PollResults(JsonElement configuration) : IResultsAggregator
{
    private readonly IReadOnlyList<string> _options = ResponseData.StringList(configuration, "options");
    private readonly bool _allowMultiple = ConfigKeys.PollAllowsMultiple(configuration);
    private readonly NewestUpdate _newest = new();
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
        if (delta > 0) _newest.Add(response.UpdatedAt); else _newest.Remove(response.UpdatedAt);
    }

    public object Snapshot()
    {
        var selections = _votes.Sum();
        int VotesOf(int i) => i < _votes.Length ? _votes[i] : 0;
        var options = _options.Select((text, i) =>
            new PollOption(i, text, VotesOf(i), selections == 0 ? 0 : Math.Round(100.0 * VotesOf(i) / selections, 1))).ToList();

        // Legacy percentages are of responses, not selections: with multiple choice they can sum past 100.
        var voteCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var percentages = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < _options.Count; i++)
        {
            if (!voteCounts.TryAdd(_options[i], VotesOf(i))) continue;
            percentages[_options[i]] = _responses == 0 ? 0 : Math.Round(100.0 * VotesOf(i) / _responses, 1, MidpointRounding.AwayFromZero);
        }
        var max = options.Count == 0 ? 0 : options.Max(o => o.Votes);
        var mostPopular = max == 0 ? [] : options.Where(o => o.Votes == max).Select(o => o.Text).ToList();

        return new PollSnapshot(ResponseData.String(configuration, "question"), options, _responses, selections,
            LegacyResultTypes.Poll, voteCounts, percentages, _responses, mostPopular,
            _allowMultiple, ConfigKeys.ShowLiveResults(configuration), _newest.Value);
    }

    /// <summary>The option indices a response picks, or an error saying why it picks none.</summary>
    public static (IReadOnlyList<int> Indices, string? Error) Resolve(IReadOnlyList<string> options, bool allowMultiple, JsonElement data)
    {
        if (ResponseData.Int(data, "option_index") is { } index)
            return index >= 0 && index < options.Count ? ([index], null) : ([], $"option_index must be between 0 and {options.Count - 1}");
        if (ResponseData.String(data, "option") is { } text)
        {
            var found = Find(options, text);
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
        if (ResponseData.Array(data, "selected_options") is { } selected) return ResolveSelected(options, allowMultiple, selected);
        return ([], "a poll response needs option_index (or option, or option_indices when multiple choice is allowed), or the legacy selected_options (a list of option texts)");
    }

    /// <summary>The legacy shape: option texts (matched like <c>option</c>: trimmed, any case), one unless multiple choice.</summary>
    private static (IReadOnlyList<int> Indices, string? Error) ResolveSelected(IReadOnlyList<string> options, bool allowMultiple, JsonElement selected)
    {
        var picked = new List<int>();
        foreach (var item in selected.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) return ([], "selected_options must hold option texts (strings)");
            var found = Find(options, item.GetString()!);
            if (found < 0) return ([], $"selected_options: '{item.GetString()}' is not one of the poll's options");
            if (picked.Contains(found)) return ([], "selected_options must not repeat an option");
            picked.Add(found);
        }
        if (picked.Count == 0) return ([], "selected_options must pick at least one option");
        return picked.Count > 1 && !allowMultiple ? ([], "this poll allows one option: send one entry in selected_options") : (picked, null);
    }

    private static int Find(IReadOnlyList<string> options, string text)
    {
        var wanted = text.Trim();
        for (var i = 0; i < options.Count; i++)
            if (string.Equals(options[i], wanted, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }
}

public sealed record PollOption(int Index, string Text, int Votes, double Percentage);

/// <summary>Our fields first; from <paramref name="Type"/> on, the legacy <c>poll_results</c> fields (our <c>options</c> wins the name).</summary>
public sealed record PollSnapshot(
    string? Question, IReadOnlyList<PollOption> Options, int TotalVotes, int TotalSelections,
    string Type, IReadOnlyDictionary<string, int> VoteCounts, IReadOnlyDictionary<string, double> Percentages, int TotalResponses,
    IReadOnlyList<string> MostPopular, bool AllowMultipleChoice, bool ShowLiveResults, DateTime? LastUpdated);
