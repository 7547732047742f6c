using System.Collections.Concurrent;
using System.Text.Json;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Conflicto.Processing.Schemas;

/// <summary>
/// Validates JSON documents against JSON Schema (draft-07) with NJsonSchema. Parsed schemas are
/// cached by their text, so a schema used for every response is parsed once.
/// </summary>
public static class JsonSchemaValidator
{
    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Cache = new();

    /// <summary>
    /// Errors a person can act on (<c>options must have at least 2 items</c>), each starting with
    /// the field it is about; empty when the document is valid.
    /// </summary>
    public static IReadOnlyList<string> Validate(string schemaJson, JsonElement document)
    {
        // NJsonSchema reads an integer beyond 64 bits as a BigInteger it cannot convert (InvalidCastException, a 500): refuse those first.
        var huge = HugeIntegers(document, "").ToList();
        if (huge.Count > 0) return huge;
        var schema = Cache.GetOrAdd(schemaJson, text => new Lazy<JsonSchema>(() => JsonSchema.FromJsonAsync(text).GetAwaiter().GetResult())).Value;
        return schema.Validate(document.GetRawText()).SelectMany(Flatten).Select(SchemaErrorText.Describe).Distinct().ToList();
    }

    /// <summary>Integer literals that do not fit a 64-bit integer, by path (<c>options[0]</c>); no field of any schema takes one.</summary>
    private static IEnumerable<string> HugeIntegers(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                var raw = element.GetRawText();
                if (!element.TryGetInt64(out _) && raw.IndexOfAny(['.', 'e', 'E']) < 0)
                    yield return $"{(path.Length == 0 ? "the document" : path)} is out of range";
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                    foreach (var error in HugeIntegers(item, $"{path}[{i++}]")) yield return error;
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                    foreach (var error in HugeIntegers(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}")) yield return error;
                break;
        }
    }

    private static IEnumerable<ValidationError> Flatten(ValidationError error) =>
        error is ChildSchemaValidationError child && child.Errors.Count > 0
            ? child.Errors.SelectMany(e => e.Value).SelectMany(Flatten)
            : [error];
}
