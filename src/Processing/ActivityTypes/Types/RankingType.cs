using System.Text.Json;
using Conflicto.Processing.Results;

namespace Conflicto.Processing.ActivityTypes.Types;

/// <summary>
/// <c>ranking</c>: participants put 2–10 items in order. A response is <c>{"order": [2, 0, 1]}</c>,
/// item indices best first: every item once, or (with <c>allow_partial</c>) at least one item,
/// none twice. Aggregated with a Borda count (<see cref="RankingResults"/>).
/// </summary>
public static class RankingType
{
    public const string Schema = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "title": "Ranking configuration",
          "type": "object",
          "required": ["question", "items"],
          "properties": {
            "question": { "type": "string", "minLength": 1, "maxLength": 500 },
            "items": { "type": "array", "minItems": 2, "maxItems": 10, "items": { "type": "string", "minLength": 1, "maxLength": 200 } },
            "allow_partial": { "type": "boolean", "default": false, "description": "Participants may rank only their top items; unranked items get no points." },
            "anonymous_voting": { "type": "boolean", "default": false },
            "show_live_results": { "type": "boolean", "default": true },
            "time_limit_seconds": { "type": "integer", "minimum": 1, "maximum": 86400 }
          }
        }
        """;

    public static IReadOnlyList<string> Items(JsonElement configuration) => ResponseData.StringList(configuration, "items");

    public static bool AllowsPartial(JsonElement configuration) => ConfigKeys.Flag(configuration, "allow_partial", false);

    public static void CheckConfiguration(JsonElement configuration, List<string> errors)
    {
        var items = Items(configuration).Select(i => i.Trim()).ToList();
        if (items.Any(string.IsNullOrWhiteSpace)) errors.Add("items: item texts must not be blank");
        if (items.Distinct(StringComparer.OrdinalIgnoreCase).Count() != items.Count) errors.Add("items: item texts must be unique");
    }

    /// <summary>The item indices in the participant's order, or an error saying why the response ranks nothing.</summary>
    public static (IReadOnlyList<int> Order, string? Error) Read(JsonElement configuration, JsonElement data)
    {
        var count = Items(configuration).Count;
        var partial = AllowsPartial(configuration);
        var what = partial ? $"at least one of the {count} item indices (0 to {count - 1}), best first" : $"all {count} item indices (0 to {count - 1}), best first";
        if (ResponseData.Array(data, "order") is not { } array) return ([], $"a ranking response needs order: {what}");
        var order = new List<int>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out var index) || index < 0 || index >= count)
                return ([], $"order must hold item indices from 0 to {count - 1}");
            if (order.Contains(index)) return ([], "order must not list an item twice");
            order.Add(index);
        }
        if (order.Count == 0) return ([], $"order must list {what}");
        if (!partial && order.Count != count) return ([], $"order must list {what}");
        return (order, null);
    }
}
