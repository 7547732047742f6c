using System.Text.Json;
using Conflicto.Processing.Analysis;

namespace Conflicto.Processing.OpenAI;

/// <summary>
/// Reads a model's JSON answer property by property, collecting every problem instead of stopping
/// at the first, so one failed attempt reports all of them. Paths are dotted (<c>participant.widget</c>).
/// A missing optional property reads like null: strict mode sends nulls, compatible servers may omit them.
/// </summary>
internal sealed class AnswerReader(string what, string source = "model")
{
    private readonly List<string> _errors = [];

    public bool HasErrors => _errors.Count > 0;

    public void Error(string path, string message) => _errors.Add($"{path}: {message}");

    /// <summary>Throws when anything was wrong, so no caller ever maps half an answer.</summary>
    public void ThrowIfInvalid()
    {
        if (HasErrors) throw new AnalyzerOutputException($"The {source}'s {what} is invalid: {string.Join("; ", _errors)}");
    }

    public JsonElement? Object(JsonElement? parent, string path, bool required = true) =>
        Value(parent, path, required, JsonValueKind.Object, "an object");

    public JsonElement? Array(JsonElement? parent, string path, bool required = false) =>
        Value(parent, path, required, JsonValueKind.Array, "an array");

    public string? String(JsonElement? parent, string path, bool required = false)
    {
        var text = Value(parent, path, required, JsonValueKind.String, "a string")?.GetString();
        if (!required || text is null || !string.IsNullOrWhiteSpace(text)) return text;
        Error(path, "must not be empty");
        return null;
    }

    public string? OneOf(JsonElement? parent, string path, IReadOnlyCollection<string> allowed, bool required = true)
    {
        var text = String(parent, path, required);
        if (text is null || allowed.Contains(text)) return text;
        Error(path, $"'{text}' is not one of {string.Join(", ", allowed)}");
        return null;
    }

    public bool? Boolean(JsonElement? parent, string path)
    {
        if (Property(parent, path, required: false) is not { } value) return null;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        Error(path, "must be true or false");
        return null;
    }

    public double? Number(JsonElement? parent, string path, bool required = false)
    {
        if (Value(parent, path, required, JsonValueKind.Number, "a number") is not { } value) return null;
        // 1e400 is valid JSON but no double.
        if (value.TryGetDouble(out var number) && double.IsFinite(number)) return number;
        Error(path, $"{value.GetRawText()} is out of range");
        return null;
    }

    /// <summary>An integer of at least <paramref name="min"/>; 3.0 counts as 3.</summary>
    public int? Integer(JsonElement? parent, string path, int min)
    {
        if (Number(parent, path) is not { } number) return null;
        if (number == Math.Floor(number) && number >= min && number <= int.MaxValue) return (int)number;
        Error(path, $"must be an integer of at least {min}, got {number}");
        return null;
    }

    /// <summary>Non-empty strings, or null when absent.</summary>
    public IReadOnlyList<string>? Strings(JsonElement? parent, string path, bool required = false)
    {
        if (Array(parent, path, required) is not { } array) return null;
        var items = new List<string>();
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(item.GetString()))
                items.Add(item.GetString()!);
            else
                Error($"{path}[{i}]", "must be a non-empty string");
            i++;
        }
        return items;
    }

    private JsonElement? Value(JsonElement? parent, string path, bool required, JsonValueKind kind, string expected)
    {
        if (Property(parent, path, required) is not { } value) return null;
        if (value.ValueKind == kind) return value;
        Error(path, $"must be {expected}, got {value.ValueKind.ToString().ToLowerInvariant()}");
        return null;
    }

    private JsonElement? Property(JsonElement? parent, string path, bool required)
    {
        // A missing or mistyped parent was already reported; its children are not.
        if (parent is not { ValueKind: JsonValueKind.Object } p) return null;
        var name = path[(path.LastIndexOf('.') + 1)..];
        if (p.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null) return value;
        if (required) Error(path, "is required");
        return null;
    }
}
