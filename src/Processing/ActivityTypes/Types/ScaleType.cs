using System.Text.Json;
using Conflicto.Processing.Results;

namespace Conflicto.Processing.ActivityTypes.Types;

/// <summary>
/// <c>scale</c>: participants rate one statement, or several at once, from 1 to <c>scale_max</c>
/// (2–10, default 5). A response is <c>{"rating": 4}</c> (one statement) or
/// <c>{"ratings": [4, null, 2]}</c> (one entry per statement, <c>null</c> skips one; at least one rated).
/// </summary>
public static class ScaleType
{
    public const int DefaultMax = 5;

    public const string Schema = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "title": "Scale configuration",
          "type": "object",
          "required": ["question"],
          "properties": {
            "question": { "type": "string", "minLength": 1, "maxLength": 500 },
            "statements": { "type": "array", "minItems": 1, "maxItems": 10, "items": { "type": "string", "minLength": 1, "maxLength": 200 },
              "description": "Several statements rated at once on the same scale; absent: the question is the one statement." },
            "scale_max": { "type": "integer", "minimum": 2, "maximum": 10, "default": 5, "description": "Ratings go from 1 to scale_max." },
            "labels": { "type": "array", "minItems": 2, "maxItems": 10, "items": { "type": "string", "maxLength": 60 },
              "description": "One label per point (exactly scale_max of them)." },
            "min_label": { "type": "string", "maxLength": 60, "description": "Label of 1, when labels is not set." },
            "max_label": { "type": "string", "maxLength": 60, "description": "Label of scale_max, when labels is not set." },
            "anonymous_voting": { "type": "boolean", "default": false },
            "show_live_results": { "type": "boolean", "default": true },
            "time_limit_seconds": { "type": "integer", "minimum": 1, "maximum": 86400 }
          }
        }
        """;

    public static int Max(JsonElement configuration) => ResponseData.Int(configuration, "scale_max") is { } max and >= 2 and <= 10 ? max : DefaultMax;

    /// <summary>The statements rated; without <c>statements</c>, the question alone.</summary>
    public static IReadOnlyList<string> Statements(JsonElement configuration) =>
        ResponseData.StringList(configuration, "statements") is { Count: > 0 } list ? list : [ResponseData.String(configuration, "question") ?? ""];

    public static bool HasStatements(JsonElement configuration) => ResponseData.StringList(configuration, "statements").Count > 0;

    public static void CheckConfiguration(JsonElement configuration, List<string> errors)
    {
        var labels = ResponseData.StringList(configuration, "labels");
        if (labels.Count > 0 && labels.Count != Max(configuration))
            errors.Add($"labels: give exactly one label per point ({Max(configuration)}), or use min_label and max_label");
        var statements = ResponseData.StringList(configuration, "statements").Select(s => s.Trim()).ToList();
        if (statements.Any(string.IsNullOrWhiteSpace)) errors.Add("statements: statements must not be blank");
        if (statements.Distinct(StringComparer.OrdinalIgnoreCase).Count() != statements.Count) errors.Add("statements: statements must be unique");
    }

    /// <summary>The rating per statement (null: skipped), or an error saying why the response rates nothing.</summary>
    public static (IReadOnlyList<int?> Ratings, string? Error) Read(JsonElement configuration, JsonElement data)
    {
        var max = Max(configuration);
        var count = Statements(configuration).Count;
        var range = $"an integer from 1 to {max}";
        if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("rating", out var single))
        {
            if (count != 1) return ([], $"this scale rates {count} statements: send ratings (one entry per statement)");
            return IsRating(single, max) ? ([single.GetInt32()], null) : ([], $"rating must be {range}");
        }
        if (ResponseData.Array(data, "ratings") is not { } array)
            return ([], count == 1 ? $"a scale response needs rating ({range})" : $"a scale response needs ratings: {count} entries, each {range} or null");
        if (array.GetArrayLength() != count) return ([], $"ratings must have {count} entries, one per statement (null skips one)");
        var ratings = new List<int?>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Null) { ratings.Add(null); continue; }
            if (!IsRating(item, max)) return ([], $"each rating must be {range}, or null to skip a statement");
            ratings.Add(item.GetInt32());
        }
        return ratings.All(r => r is null) ? ([], "rate at least one statement") : (ratings, null);
    }

    private static bool IsRating(JsonElement value, int max) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= 1 && n <= max;
}
