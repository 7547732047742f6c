using System.Text.Json;
using Conflicto.Data.Responses;

namespace Conflicto.Processing.Results;

/// <summary>
/// Results for activity types the platform does not know: response and participant counts, and
/// for each top-level scalar field how often each value occurs (the 50 most frequent).
/// </summary>
public sealed class GenericResults : IResultsAggregator
{
    private const int MaxValuesPerField = 50;
    private readonly Dictionary<string, Dictionary<string, int>> _fields = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _participants = [];
    private int _responses;

    public void Add(ResponseRow response) => Apply(response, +1);

    public void Remove(ResponseRow response) => Apply(response, -1);

    private void Apply(ResponseRow response, int delta)
    {
        _responses += delta;
        var perParticipant = _participants.GetValueOrDefault(response.ParticipantId) + delta;
        if (perParticipant <= 0) _participants.Remove(response.ParticipantId); else _participants[response.ParticipantId] = perParticipant;
        if (response.ResponseData.ValueKind != JsonValueKind.Object) return;
        foreach (var property in response.ResponseData.EnumerateObject())
        {
            if (ResponseData.ScalarText(property.Value) is not { } value) continue;
            var values = _fields.TryGetValue(property.Name, out var v) ? v : _fields[property.Name] = new Dictionary<string, int>(StringComparer.Ordinal);
            var count = values.GetValueOrDefault(value) + delta;
            if (count <= 0) values.Remove(value); else values[value] = count;
        }
    }

    public object Snapshot() => new GenericSnapshot(
        _responses, _participants.Count,
        _fields.Where(f => f.Value.Count > 0).ToDictionary(
            f => f.Key,
            f => (IReadOnlyList<ValueCount>)f.Value.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                .Take(MaxValuesPerField).Select(kv => new ValueCount(kv.Key, kv.Value)).ToList()));
}

public sealed record ValueCount(string Value, int Count);

public sealed record GenericSnapshot(int TotalResponses, int UniqueParticipants, IReadOnlyDictionary<string, IReadOnlyList<ValueCount>> Fields);
