using System.Text.Json;
using Conflicto.Processing.Results;

namespace Conflicto.Processing.ActivityTypes.Types;

/// <summary>
/// <c>numeric</c>: participants guess a number between <c>min</c> and <c>max</c>. A response is
/// <c>{"value": 42.5}</c>. The optional <c>correct_value</c> is the host's until they set
/// <c>revealed: true</c> (<see cref="HostOnlyConfiguration"/>); then results name the closest guesses.
/// </summary>
public static class NumericType
{
    public const int DefaultBuckets = 10;

    public const string Schema = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "title": "Numeric guess configuration",
          "type": "object",
          "required": ["question", "min", "max"],
          "properties": {
            "question": { "type": "string", "minLength": 1, "maxLength": 500 },
            "min": { "type": "number", "minimum": -1000000000000, "maximum": 1000000000000 },
            "max": { "type": "number", "minimum": -1000000000000, "maximum": 1000000000000 },
            "unit": { "type": "string", "maxLength": 20, "description": "Shown after the number (km, €, %)." },
            "integers_only": { "type": "boolean", "default": false },
            "correct_value": { "type": "number", "description": "Host-only until revealed is true; between min and max." },
            "revealed": { "type": "boolean", "default": false, "description": "Shows correct_value and the closest guesses to everyone." },
            "buckets": { "type": "integer", "minimum": 2, "maximum": 20, "default": 10, "description": "Histogram bars between min and max." },
            "anonymous_voting": { "type": "boolean", "default": false },
            "show_live_results": { "type": "boolean", "default": true },
            "time_limit_seconds": { "type": "integer", "minimum": 1, "maximum": 86400 }
          }
        }
        """;

    public static double Min(JsonElement configuration) => Number(configuration, "min") ?? 0;

    public static double Max(JsonElement configuration) => Number(configuration, "max") ?? 0;

    public static double? CorrectValue(JsonElement configuration) => Number(configuration, "correct_value");

    public static bool IsRevealed(JsonElement configuration) => ConfigKeys.Flag(configuration, "revealed", false);

    public static bool IntegersOnly(JsonElement configuration) => ConfigKeys.Flag(configuration, "integers_only", false);

    public static int Buckets(JsonElement configuration) => ResponseData.Int(configuration, "buckets") is { } b and >= 2 and <= 20 ? b : DefaultBuckets;

    public static void CheckConfiguration(JsonElement configuration, List<string> errors, List<string> warnings)
    {
        var (min, max) = (Min(configuration), Max(configuration));
        if (min >= max) errors.Add("max: max must be greater than min");
        if (CorrectValue(configuration) is { } correct && (correct < min || correct > max))
            errors.Add("correct_value: correct_value must be between min and max");
        if (IsRevealed(configuration) && CorrectValue(configuration) is null) warnings.Add("revealed is set but there is no correct_value to reveal");
    }

    /// <summary>The guess, or an error saying why the response has none.</summary>
    public static (double Value, string? Error) Read(JsonElement configuration, JsonElement data)
    {
        var (min, max) = (Min(configuration), Max(configuration));
        var range = $"a number from {Text(min)} to {Text(max)}";
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Number)
            return (0, $"a numeric response needs value ({range})");
        if (!value.TryGetDouble(out var number) || !double.IsFinite(number) || number < min || number > max) return (0, $"value must be {range}");
        // Like the schema's "integer": 5.0 is written as a decimal, so it is refused too.
        if (IntegersOnly(configuration) && !value.TryGetInt64(out _)) return (0, "value must be a whole number (no decimal point)");
        return (number, null);
    }

    public static string Text(double number) => number.ToString("0.##########", System.Globalization.CultureInfo.InvariantCulture);

    private static double? Number(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number
            && v.TryGetDouble(out var d) && double.IsFinite(d) ? d : null;
}
